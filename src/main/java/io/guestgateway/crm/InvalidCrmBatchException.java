package io.guestgateway.crm;

/** A body on its way to the CRM that is not a JSON array of records (for example a bad replay). */
public class InvalidCrmBatchException extends RuntimeException {

    public InvalidCrmBatchException(String message) {
        super(message);
    }
}
