package dev.backplane.core.error;

/** One invalid input field: a JSON-pointer-like path ("lines[3].qty") and what is wrong with it. */
public record FieldError(String field, String message) {}
