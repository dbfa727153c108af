package dev.warden.policy.model;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The API inventory ({@code inventory:} in the policy): every endpoint the application serves, kept in memory and
 * served on the admin listener; written to files periodically when they are named.
 *
 * @param file         where the OpenAPI 3.1 document is written, or null
 * @param html         where the HTML report is written, or null
 * @param every        how often the files are rewritten (when something changed)
 * @param maxEndpoints endpoints kept at most; requests to further ones are counted, not kept
 * @param samples      responses per endpoint whose JSON shape is read (0: none)
 */
public record InventoryConfig(Path file, Path html, Duration every, int maxEndpoints, int samples) {

    public static final Duration DEFAULT_EVERY = Duration.ofMinutes(1);
    public static final int DEFAULT_MAX_ENDPOINTS = 1000;
    public static final int DEFAULT_SAMPLES = 3;
}
