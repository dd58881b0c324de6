package dev.backplane.chat.domain;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Input checks before a message reaches the model: rules for obvious abuse (threats, attempts to take over the
 * assistant, card numbers pasted in). A match blocks the message with the rule's reason. Deliberately small and
 * predictable; a model classifier can be added behind the same answer.
 */
public final class Moderation {
    private record Rule(String reason, Pattern pattern) {}

    private static final List<Rule> RULES = List.of(
        new Rule("threat-of-violence", Pattern.compile("\\b(i will|i'm going to|gonna) (kill|hurt|murder)\\b", Pattern.CASE_INSENSITIVE)),
        new Rule("prompt-override", Pattern.compile("\\b(ignore|disregard) (all |your |the )?(previous|prior|above) (instructions|rules)\\b",
            Pattern.CASE_INSENSITIVE)),
        new Rule("payment-card-number", Pattern.compile("\\b(?:\\d[ -]?){13,19}\\b")));

    private Moderation() {}

    /** The reason to block {@code text}, if any. */
    public static Optional<String> check(String text) {
        for (Rule rule : RULES) if (rule.pattern().matcher(text).find()) return Optional.of(rule.reason());
        return Optional.empty();
    }
}
