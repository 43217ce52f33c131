package io.github.fakeims.server.internal.standalone;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * The standalone fake logs to stdout, beside its banner, so a container's log is one ordered stream
 * (the JDK's console handler writes to stderr). Left alone when the user configured logging
 * ({@code java.util.logging.config.file} or {@code .class}). Fatal start-up errors stay on stderr.
 */
final class StdoutLogging {

    private StdoutLogging() {
    }

    static void install() {
        if (System.getProperty("java.util.logging.config.file") != null || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof ConsoleHandler) {
                root.removeHandler(handler);
            }
        }
        root.addHandler(new StreamHandler(System.out, new SimpleFormatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush(); // one line at a time, as it happens
            }

            @Override
            public synchronized void close() {
                flush(); // LogManager closes handlers at exit: closing would close System.out before the last banner line
            }
        });
    }
}
