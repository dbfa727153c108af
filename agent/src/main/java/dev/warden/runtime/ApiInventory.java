package dev.warden.runtime;

import dev.warden.inventory.Inventory;
import dev.warden.inventory.InventoryFiles;
import dev.warden.policy.model.InventoryConfig;
import dev.warden.policy.model.Policy;
import java.time.Instant;

/** Starts the API inventory the policy asks for: its observer, its files and its pages on the admin listener. */
final class ApiInventory {

    private ApiInventory() {
    }

    /** The observer that feeds it (to register with the others); {@code admin} may be null. */
    static RequestObserver start(Policy policy, AdminServer admin) {
        InventoryConfig config = policy.inventory();
        Inventory inventory = new Inventory(config.maxEndpoints(), config.samples(), policy.apiKeyHeader(), Instant.now());
        if (config.file() != null || config.html() != null) {
            InventoryFiles files = InventoryFiles.start(inventory, config.file(), config.html(), config.every(),
                    message -> Log.warnOnce("inventory:write", message));
            Runtime.getRuntime().addShutdownHook(new Thread(files::close, "warden-inventory-flush"));
        }
        if (admin != null) InventoryEndpoint.serve(admin, inventory);
        if (admin == null && config.file() == null && config.html() == null) {
            Log.warn("the API inventory is kept but shown nowhere: name inventory.file or inventory.html, or add an admin listener");
        }
        return new InventoryObserver(inventory);
    }
}
