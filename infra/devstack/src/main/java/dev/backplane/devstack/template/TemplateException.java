package dev.backplane.devstack.template;

/** A template feature devstack cannot honour; the message names the resource and property. */
public class TemplateException extends RuntimeException {
    public TemplateException(String message) { super(message); }

    public static TemplateException unsupported(String logicalId, String type, String property) {
        return new TemplateException("devstack does not support " + type + " property '" + property
            + "' (resource " + logicalId + "). Remove it for local runs or open an issue.");
    }
}
