package dev.clickupsync.digest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of what is sent to the model: every configured secret value (ClickUp token,
 * webhook secrets, admin token, the LLM key) and anything shaped like a credential is replaced by
 * {@link #MASK}, wherever it appears in a fact (someone may paste a token into a task name).
 */
final class Redactor {
    static final String MASK = "[redacted]";
    /** ClickUp personal tokens, OpenAI-style keys, bearer headers, AWS access key ids. */
    private static final Pattern CREDENTIAL = Pattern.compile(
            "pk_[0-9]+_[A-Za-z0-9]{8,}|sk-[A-Za-z0-9_-]{12,}|(?i:bearer)\\s+[A-Za-z0-9._~+/=-]{8,}|AKIA[0-9A-Z]{16}");
    /** Shorter values would mask ordinary words; real secrets are longer. */
    private static final int MIN_SECRET_LENGTH = 8;

    private final List<String> secrets;

    Redactor(Collection<String> secrets) {
        List<String> usable = new ArrayList<>();
        for (String s : secrets) {
            if (s != null && s.strip().length() >= MIN_SECRET_LENGTH) {
                usable.add(s.strip());
            }
        }
        usable.sort(Comparator.comparingInt(String::length).reversed()); // longest first: no partial leftovers
        this.secrets = List.copyOf(usable);
    }

    String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return CREDENTIAL.matcher(out).replaceAll(MASK);
    }
}
