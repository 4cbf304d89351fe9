package dev.clickupsync.digest;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gate between the model and ClickUp: the digest is posted as the token's owner, to everyone
 * who watches the task, so the model's answer is checked before anything is submitted. Task text
 * reaches the model (as data, see {@link DigestPrompt}), and a model may still follow an
 * instruction hidden in a task name; this check is what makes that harmless. An answer passes
 * only if it keeps every rule below; otherwise nothing is posted and the digest fails with
 * {@code unsafe_output} (the {@link Verdict#rule()} names the rule in the log line).
 *
 * <p>The rules, in the order they are checked, on the NFKC form of the answer (which is also what
 * is posted), after line endings become {@code \n} and the answer is stripped:
 * <ol>
 *   <li>{@code too_long}: at most {@value #MAX_CHARS} characters, {@value #MAX_LINE} per line and
 *       {@value #MAX_BULLETS} bullets (the prompt asks for 12 at most).</li>
 *   <li>{@code hidden_characters}: no control character but the line break, no format character
 *       (zero-width, bidirectional override, soft hyphen), no private-use, unassigned or lone
 *       surrogate code point, no Unicode line or paragraph separator ({@link UnsafeText#HIDDEN}).</li>
 *   <li>{@code link}: nothing a renderer may turn into a link: a scheme, {@code www.}, {@code mailto:},
 *       an IP address with a port or path, a dotted name with a path or a common top-level domain
 *       ({@link UnsafeText#LINK}).</li>
 *   <li>{@code mention}: no {@code @} at all (mentions, ClickUp user tags, e-mail addresses).</li>
 *   <li>{@code markup}: no HTML tag, comment or chat-template token, no HTML entity, no markdown
 *       link or image, no backtick, no backslash ({@link UnsafeText#MARKUP}).</li>
 *   <li>{@code structure}: only the format the prompt asks for. Every non-blank line is either a
 *       section title ({@code Changed:}, {@code In progress:}, {@code Blocked:}, {@code Overdue:},
 *       any case, each at most once, each followed by at least one bullet) or a bullet
 *       ({@code - } and text) under a title. No preamble, no closing line, at least one bullet.</li>
 *   <li>{@code unknown_task}: no task that is not in the facts. "In the facts" means listed in
 *       this prompt (the tasks cut by {@code sync.digest.max-tasks} are not: the model never saw
 *       them), and it is decided like this:
 *       <ul>
 *         <li>every bullet starts with a task's name exactly as the prompt gave it (compared
 *             ignoring case, surrounding quotes, runs of white space and a trailing ellipsis),
 *             then a space and that task's id in square brackets: {@code - Fix login [86c0aa001]};
 *             a listed id under another task's name, or a name with no listed id, is invented;</li>
 *         <li>after that, every other {@code [...]} must be a listed id;</li>
 *         <li>a word that looks like a task id (6 to 16 letters and digits, with both) must occur
 *             somewhere in the prompt's facts.</li>
 *       </ul>
 *       What the bullet says after its task is free text: the model's summary. It cannot carry a
 *       link, a mention or hidden text (the rules above), but its wording is the model's.</li>
 * </ol>
 * The facts themselves never break rules 2 to 5 ({@link UnsafeText#neutralise}), so a model that
 * repeats a hostile task name as a name passes, and posts only text that is harmless.
 */
final class AnswerCheck {
    static final int MAX_CHARS = 4_000;
    static final int MAX_LINE = 400;
    static final int MAX_BULLETS = 12;
    static final List<String> SECTIONS = List.of("changed:", "in progress:", "blocked:", "overdue:");

    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\[\\]\\s]{1,64})]");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern ID_SHAPED = Pattern.compile("(?=[a-z0-9]*\\d)(?=[a-z0-9]*[a-z])[a-z0-9]{6,16}",
            Pattern.CASE_INSENSITIVE);

    private AnswerCheck() {
    }

    /**
     * The verdict on one answer.
     *
     * @param rule null when the answer may be posted, else the rule it broke
     * @param text the answer as checked and as it is to be posted (NFKC, {@code \n} line ends, stripped)
     */
    record Verdict(String rule, String text) {
        boolean ok() {
            return rule == null;
        }
    }

    /** Checks {@code answer} against the facts {@code prompt} sent. */
    static Verdict check(String answer, DigestPrompt prompt) {
        String text = UnsafeText.normalise(answer == null ? "" : answer).replace("\r\n", "\n").replace('\r', '\n').strip();
        return new Verdict(brokenRule(text, prompt.listedNames(), prompt.factsText()), text);
    }

    private static String brokenRule(String text, Map<String, String> namesById, String facts) {
        if (text.length() > MAX_CHARS) {
            return "too_long";
        }
        if (UnsafeText.HIDDEN.matcher(text.replace('\n', ' ')).find()) {
            return "hidden_characters";
        }
        if (UnsafeText.LINK.matcher(text).find()) {
            return "link";
        }
        if (UnsafeText.MENTION.matcher(text).find()) {
            return "mention";
        }
        if (UnsafeText.MARKUP.matcher(text).find()) {
            return "markup";
        }
        String layout = layoutRule(text);
        if (layout != null) {
            return layout;
        }
        for (String line : text.split("\n")) {
            String bullet = line.strip();
            if (bullet.startsWith("- ") && !namesListedTask(bullet.substring(2), namesById)) {
                return "unknown_task";
            }
        }
        Matcher word = WORD.matcher(text);
        String lowerFacts = facts.toLowerCase(Locale.ROOT);
        while (word.find()) {
            if (ID_SHAPED.matcher(word.group()).matches() && !lowerFacts.contains(word.group().toLowerCase(Locale.ROOT))) {
                return "unknown_task";
            }
        }
        return null;
    }

    /** {@code too_long} or {@code structure} when the lines are not titled sections of bullets. */
    private static String layoutRule(String text) {
        Set<String> seen = new HashSet<>();
        int bullets = 0;
        int bulletsInSection = -1; // -1: no section yet
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.length() > MAX_LINE) {
                return "too_long";
            }
            if (line.isEmpty()) {
                continue;
            }
            String title = line.toLowerCase(Locale.ROOT);
            if (SECTIONS.contains(title)) {
                if (!seen.add(title) || bulletsInSection == 0) {
                    return "structure";
                }
                bulletsInSection = 0;
            } else if (line.startsWith("- ") && line.length() > 2 && bulletsInSection >= 0) {
                bullets++;
                bulletsInSection++;
            } else {
                return "structure";
            }
        }
        if (bullets > MAX_BULLETS) {
            return "too_long";
        }
        return bullets == 0 || bulletsInSection == 0 ? "structure" : null;
    }

    /**
     * True when the bullet starts with {@code <name> [<id>]} of one listed task, and every later
     * {@code [...]} is a listed id. A name may itself hold brackets (a redacted secret, a hostile
     * name quoting another id): the first bracket whose text before it is exactly its task's name
     * is the task.
     */
    private static boolean namesListedTask(String bullet, Map<String, String> namesById) {
        Matcher bracket = BRACKETED.matcher(bullet);
        while (bracket.find()) {
            String name = namesById.get(bracket.group(1));
            if (name != null && key(bullet.substring(0, bracket.start())).equals(key(name))) {
                return onlyListedIds(bullet.substring(bracket.end()), namesById);
            }
        }
        return false;
    }

    /** True when every {@code [...]} in the text is a listed id and no other square bracket is left. */
    private static boolean onlyListedIds(String text, Map<String, String> namesById) {
        Matcher bracket = BRACKETED.matcher(text);
        StringBuilder outside = new StringBuilder();
        int copied = 0;
        while (bracket.find()) {
            if (!namesById.containsKey(bracket.group(1))) {
                return false;
            }
            outside.append(text, copied, bracket.start());
            copied = bracket.end();
        }
        outside.append(text, copied, text.length());
        return outside.indexOf("[") < 0 && outside.indexOf("]") < 0;
    }

    /** A name as compared: case, surrounding quotes, white-space runs and a trailing ellipsis do not count. */
    private static String key(String name) {
        String k = name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        k = k.replaceAll("^[\"'\u201c\u201d\u2018\u2019\u00ab\u00bb]+|[\"'\u201c\u201d\u2018\u2019\u00ab\u00bb]+$", "").strip();
        if (k.endsWith("…")) {
            k = k.substring(0, k.length() - 1).strip();
        } else if (k.endsWith("...")) {
            k = k.substring(0, k.length() - 3).strip();
        }
        return k;
    }
}
