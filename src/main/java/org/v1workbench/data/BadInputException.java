package org.v1workbench.data;

import java.nio.file.Path;

/**
 * Input that the workbench cannot use: a missing, truncated or corrupt file, arrays whose shapes
 * disagree, NaNs where none may be. The CLI turns it into exit status 2 and one line on stderr,
 * so the message must name the file (or option) and say what is wrong.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    public BadInputException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public BadInputException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
