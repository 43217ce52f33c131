package io.github.fakeims.server.internal.admin;

/**
 * One route of the admin API: a method and a path template whose {@code {name}} segments match any
 * one segment, e.g. {@code DELETE /fake-ims/credentials/{clientId}}. An {@code open} route answers
 * without the admin token, and even with the admin API off.
 */
public record AdminRoute(String method, String template, boolean open) {

    @Override
    public String toString() {
        return method + " " + template;
    }
}
