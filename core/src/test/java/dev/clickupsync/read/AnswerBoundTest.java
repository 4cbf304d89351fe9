package dev.clickupsync.read;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How large an answer's body is in the Lambda response, held against what that response really takes:
 * the body written as the {@code body} member of a JSON object by a plain Jackson {@link ObjectMapper},
 * as the Lambda runtime writes its {@code APIGatewayV2HTTPResponse}; and both sides of the bound.
 */
class AnswerBoundTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void countsWhatJacksonWritesIntoTheLambdaResponse() throws Exception {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        for (String body : List.of("", "{\"tasks\":[],\"last_page\":true}", "a \\ b \" c / d", controls.toString(),
                "\u007f", "caf\u00e9", "\u20ac 1", "\ud83d\ude80 launch", "lone \ud83d half", "{\"name\":\"\u00c4rger \\\"quoted\\\"\\n\"}")) {
            assertThat(AnswerBound.lambdaBytes(body)).as(escapedForMessage(body)).isEqualTo(inLambdaResponse(body));
        }
    }

    @Test
    void countsRandomTextAsJacksonWritesIt() throws Exception {
        Random random = new Random(16);
        for (int n = 0; n < 300; n++) {
            StringBuilder body = new StringBuilder();
            int length = random.nextInt(200);
            for (int i = 0; i < length; i++) {
                int pick = random.nextInt(10);
                int codePoint = pick < 4 ? random.nextInt(0x80) // ASCII, controls, quotes, backslashes
                        : pick < 6 ? 0x80 + random.nextInt(0x780) // two bytes
                        : pick < 8 ? 0x800 + random.nextInt(0xD800 - 0x800) // three bytes, below the surrogates
                        : pick < 9 ? 0xE000 + random.nextInt(0x10000 - 0xE000) // three bytes, above them
                        : 0x10000 + random.nextInt(0x10FFFF - 0x10000); // four bytes, a surrogate pair
                body.appendCodePoint(codePoint);
            }
            String text = body.toString();
            assertThat(AnswerBound.lambdaBytes(text)).as(escapedForMessage(text)).isEqualTo(inLambdaResponse(text));
        }
    }

    @Test
    void aBodyOfExactlyTheBoundFitsAndOneByteMoreIsOver() {
        String body = "{\"name\":\"" + "x".repeat(100) + "\"}"; // 111 characters, 4 of them quotes: 115 bytes
        assertThat(AnswerBound.lambdaBytes(body)).isEqualTo(115);

        assertThat(new AnswerBound(115).over(body)).isEmpty();
        assertThat(new AnswerBound(114).over(body)).hasValue(115);
        assertThat(new AnswerBound(body.getBytes(StandardCharsets.UTF_8).length).over(body))
                .as("its UTF-8 bytes fit, its escaped bytes do not").hasValue(115);
    }

    @Test
    void aShortBodyOfTheWidestCharactersIsStillMeasuredRight() {
        String body = "\u0001".repeat(10); // six bytes each (escaped as u0001): the length shortcut's own edge

        assertThat(new AnswerBound(60).over(body)).isEmpty();
        assertThat(new AnswerBound(59).over(body)).hasValue(60);
    }

    /** The bytes {@code body} adds to a Lambda response written by Jackson. */
    private static long inLambdaResponse(String body) throws Exception {
        return JACKSON.writeValueAsBytes(response(body)).length - JACKSON.writeValueAsBytes(response("")).length;
    }

    private static Map<String, Object> response(String body) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", 200);
        response.put("body", body);
        response.put("isBase64Encoded", false);
        return response;
    }

    private static String escapedForMessage(String body) {
        StringBuilder shown = new StringBuilder();
        body.codePoints().limit(60).forEach(cp -> shown.append(cp < 0x20 || cp > 0x7e ? String.format("\\u%04x", cp) : Character.toString(cp)));
        return shown.toString();
    }
}
