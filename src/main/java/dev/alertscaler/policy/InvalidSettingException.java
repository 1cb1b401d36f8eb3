package dev.alertscaler.policy;

/** A policy setting whose value breaks a rule; the message names the setting, the value and the rule. */
public class InvalidSettingException extends RuntimeException {

    private final String setting;
    private final String value;

    public InvalidSettingException(String setting, String value, String rule) {
        super("%s=\"%s\": %s".formatted(setting, value, rule));
        this.setting = setting;
        this.value = value;
    }

    /** The annotation or property name, as the user wrote it. */
    public String setting() {
        return setting;
    }

    public String value() {
        return value;
    }
}
