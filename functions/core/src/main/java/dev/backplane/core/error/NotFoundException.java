package dev.backplane.core.error;

/** An unknown id, or one the caller may not see (we never reveal which: no IDOR oracle). */
public final class NotFoundException extends DomainException {
    public NotFoundException(String kind, String id) { super("not-found", kind + " " + id + " was not found"); }
}
