package io.polaroid.remote;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;

/**
 * A result partition that can no longer be read: the worker holding it was declared dead (it
 * froze or died) while the reader waited. The query's answer is still to be had by running it
 * again on the workers left.
 */
public final class EndpointLostException extends PolaroidException {
    private final String address;

    public EndpointLostException(String address, String message, Throwable cause) {
        super(ErrorCode.IO_ERROR, message, cause);
        this.address = address;
    }

    public String address() {
        return address;
    }
}
