package io.github.fakeims.server.internal.admin;

/**
 * One route of the admin API: a method and a path template whose {@code {name}} segments match any
 * one segment, e.g. {@code DELETE /fake-ims/credentials/{clientId}}, and who may call it.
 */
public record AdminRoute(String method, String template, Access access) {

    /** Who may call a route. */
    public enum Access {
        /** Anyone, even with the admin API off (health). */
        ALWAYS,
        /** Anyone while the admin API is on: no admin token needed (the API's description). */
        WITHOUT_TOKEN,
        /** With the admin token, when one is set, while the admin API is on. */
        TOKEN
    }

    @Override
    public String toString() {
        return method + " " + template;
    }
}
