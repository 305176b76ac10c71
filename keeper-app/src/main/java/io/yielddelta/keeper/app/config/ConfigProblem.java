package io.yielddelta.keeper.app.config;

/**
 * One thing wrong with a configuration file, as {@code file:line: path: message}. Messages describe what is
 * expected and never repeat the value found (it may be a secret substituted from the environment).
 */
public record ConfigProblem(String file, int line, String path, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
