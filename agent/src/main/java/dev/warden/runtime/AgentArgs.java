package dev.warden.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agent argument string, {@code key=value} pairs separated by commas: {@code policy=/etc/warden/policy.yaml}.
 * The policy path may instead come from {@code -Dwarden.policy} or {@code WARDEN_POLICY}, in that order.
 */
record AgentArgs(String policyPath, String policySource) {

    static AgentArgs parse(String args) {
        Map<String, String> values = new LinkedHashMap<>();
        if (args != null && !args.isBlank()) {
            for (String pair : args.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException("agent argument '" + pair + "' is not key=value; use -javaagent:warden-agent.jar=policy=PATH");
                String key = pair.substring(0, eq).trim();
                if (!key.equals("policy")) throw new IllegalArgumentException("unknown agent argument '" + key + "'; the only one is policy=PATH");
                values.put(key, pair.substring(eq + 1).trim());
            }
        }
        if (values.containsKey("policy")) return new AgentArgs(values.get("policy"), "agent argument");
        String prop = System.getProperty("warden.policy");
        if (prop != null && !prop.isBlank()) return new AgentArgs(prop, "-Dwarden.policy");
        String env = System.getenv("WARDEN_POLICY");
        if (env != null && !env.isBlank()) return new AgentArgs(env, "WARDEN_POLICY");
        return new AgentArgs(null, null);
    }
}
