import { HttpResponse, type HttpRequest } from "@smithy/protocol-http";

export interface CannedResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** A request handler that records each request and answers with canned responses, the last one repeating. */
export function captureHandler(...responses: CannedResponse[]) {
  const requests: HttpRequest[] = [];
  return {
    requests,
    async handle(request: HttpRequest) {
      requests.push(request);
      const canned = responses[Math.min(requests.length - 1, responses.length - 1)]!;
      return {
        response: new HttpResponse({ statusCode: canned.status, headers: canned.headers ?? {}, body: new TextEncoder().encode(canned.body) }),
      };
    },
  };
}

export const testCredentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
/** The secret with another last character: a wrong secret, whatever the secret (a random one ends in "X" one time in 64). */
export function wrongSecret(secret: string): string {
  return `${secret.slice(0, -1)}${secret.endsWith("X") ? "Y" : "X"}`;
}

export const sessionCredentials = { ...testCredentials, sessionToken: "FwoGZXIvYXdzEXAMPLE//session+token=" };

/** The pairs of a signed request's Authorization header. */
export function authorizationParts(request: HttpRequest): { credential: string; signedHeaders: string; signature: string } {
  const header = request.headers.authorization ?? "";
  const match = /^AWS4-HMAC-SHA256 Credential=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]+)$/.exec(header);
  if (!match) throw new Error(`not a SigV4 authorization header: ${header}`);
  return { credential: match[1]!, signedHeaders: match[2]!, signature: match[3]! };
}
