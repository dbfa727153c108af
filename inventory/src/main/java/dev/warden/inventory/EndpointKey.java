package dev.warden.inventory;

/** An endpoint's identity: method and path template. */
record EndpointKey(String method, String path) {
}
