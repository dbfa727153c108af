package dev.warden.policy.model;

import java.time.Duration;

/**
 * A token bucket: {@code limit} tokens, refilled greedily over {@code per}, one bucket per value of {@code by}.
 *
 * @param by     consumer | ip | route | header:NAME
 * @param header the header name when {@code by} is header:NAME, else null
 */
public record RateLimitSpec(String by, String header, long limit, Duration per) {
}
