package dev.warden.inventory;

/**
 * An endpoint's answers with one status.
 *
 * @param count how many
 * @param shape the JSON shape of the sampled bodies, or null when none was sampled (or none was JSON)
 */
public record ResponseView(long count, ShapeView shape) {
}
