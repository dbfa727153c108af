package dev.warden.policy;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** Entry point for reading a policy file: never throws, always answers with a {@link LoadResult}. */
public final class PolicyLoader {

    private static final long MAX_POLICY_BYTES = 4L * 1024 * 1024;

    private PolicyLoader() {
    }

    public static LoadResult load(Path file) {
        return load(file, System::getenv);
    }

    public static LoadResult load(Path file, Function<String, String> env) {
        String name = file.toString();
        try {
            if (Files.size(file) > MAX_POLICY_BYTES) {
                return failed(name, "the policy is larger than 4 MiB; is this the right file?");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return parse(name, text, env);
        } catch (NoSuchFileException e) {
            return failed(name, "policy file not found; check the path given in -javaagent:...=policy=PATH, "
                    + "-Dwarden.policy or WARDEN_POLICY");
        } catch (MalformedInputException e) {
            return failed(name, "the policy is not valid UTF-8 text");
        } catch (IOException e) {
            return failed(name, "cannot read the policy file: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    /**
     * A policy from the bytes of its file, read by the caller (the reload watcher reads them itself, so that it knows
     * exactly which version it loaded): the same size and encoding rules as {@link #load(Path)}.
     */
    public static LoadResult parse(String fileName, byte[] content) {
        if (content.length > MAX_POLICY_BYTES) {
            return failed(fileName, "the policy is larger than 4 MiB; is this the right file?");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(content)).toString();
            return parse(fileName, text, System::getenv);
        } catch (java.nio.charset.CharacterCodingException e) {
            return failed(fileName, "the policy is not valid UTF-8 text");
        }
    }

    public static LoadResult parse(String fileName, String yamlText) {
        return parse(fileName, yamlText, System::getenv);
    }

    public static LoadResult parse(String fileName, String yamlText, Function<String, String> env) {
        return new PolicyParser(fileName, env).parse(yamlText);
    }

    private static LoadResult failed(String file, String message) {
        return new LoadResult(null, List.of(new PolicyError(file, 1, 1, message)));
    }
}
