package dev.warden.policy.audit;

import java.io.PrintStream;

/** The process's standard output (as the application saw it when Warden started). */
final class StdoutSink implements AuditSink {

    private final PrintStream out;

    StdoutSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public void write(String line) {
        out.println(line);
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }
}
