package io.switchboard.platform.api;

import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/** A request the API answers with an error status and a message (naming the field for bad input). */
public final class ApiProblem extends RuntimeException {
    private final StatusCode status;

    public ApiProblem(StatusCode status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static ApiProblem badRequest(String message) {
        return new ApiProblem(StatusCodes.BAD_REQUEST, message);
    }

    public static ApiProblem notFound(String message) {
        return new ApiProblem(StatusCodes.NOT_FOUND, message);
    }

    public static ApiProblem conflict(String message) {
        return new ApiProblem(StatusCodes.CONFLICT, message);
    }

    public StatusCode status() {
        return status;
    }
}
