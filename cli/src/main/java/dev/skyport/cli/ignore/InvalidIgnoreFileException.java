package dev.skyport.cli.ignore;

/** An ignore file with a pattern Docker would refuse; the message names the file, line and pattern. */
public class InvalidIgnoreFileException extends RuntimeException {

    public InvalidIgnoreFileException(String message) {
        super(message);
    }
}
