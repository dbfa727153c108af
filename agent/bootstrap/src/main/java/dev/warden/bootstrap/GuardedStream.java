package dev.warden.bootstrap;

/** Marks a response body stream that Warden guards, so that serializer hooks can find the request it belongs to. */
public interface GuardedStream {

    RequestScope wardenScope();

    /** The Content-Type the application has declared so far, or null. */
    String contentType();
}
