/**
 * The one error type of the local endpoint: everything that ends a request with an AWS error
 * envelope throws (or returns) a ServiceError, and the server turns it into XML.
 */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }

  /** AWS's `<Type>`: whose fault it is. */
  get type(): "Sender" | "Receiver" {
    return this.status >= 500 ? "Receiver" : "Sender";
  }
}

/** AWS's answer for an unknown, inactive or mismatched credential; deliberately says no more. */
export function invalidClientTokenId(): ServiceError {
  return new ServiceError(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
}
