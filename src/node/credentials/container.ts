import { readFile } from "node:fs/promises";
import { HttpRequest } from "@smithy/protocol-http";
import type { AwsCredentialIdentity, Logger } from "@smithy/types";
import { readBodyText } from "../../http/body.js";
import { CredentialsError } from "../../config/credentials.js";
import { NodeHttpHandler } from "../../http/node-handler.js";
import { optionOrVariable, type CredentialChainInit } from "./context.js";

// The official SDK's container provider (@aws-sdk/credential-provider-http fromHttp), on keysmith's own HTTP handler.
// @smithy/credential-provider-imds's fromContainerMetadata is not enough: it reads no token file and accepts no
// EKS Pod Identity host, and the token file exists for EKS Pod Identity.
const RELATIVE_URI = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
const FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
const TOKEN = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
const TOKEN_FILE = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";

/** The ECS agent, which serves RELATIVE_URI paths. */
const ECS_ORIGIN = "http://169.254.170.2";
/** Hosts plain http may reach: the ECS agent, the EKS Pod Identity agent, and this machine. Other hosts need https. */
const HTTP_HOSTS = new Set(["169.254.170.2", "169.254.170.23", "[fd00:ec2::23]", "localhost", "[::1]"]);
const MAX_RESPONSE_BYTES = 64 * 1024;

/** The official SDK's container options (fromHttp's), each over its environment variable. */
export interface ContainerEndpointSettings {
  awsContainerCredentialsFullUri?: string;
  awsContainerCredentialsRelativeUri?: string;
  awsContainerAuthorizationToken?: string;
  awsContainerAuthorizationTokenFile?: string;
}

export interface ContainerOptions extends ContainerEndpointSettings {
  /** Per request, for connecting and for each wait on the server. */
  timeoutMs?: number;
  /** Requests per call, the first included; the agent can be briefly unavailable while a task starts. */
  attempts?: number;
  retryDelayMs?: number;
  /** Told when both variables of a pair are set. Default: console.warn, as in the official SDK. */
  logger?: Logger;
}

/** The chain's options for the container endpoint, as v3 hands its init to fromHttp. */
export function containerOptionsOf(init: CredentialChainInit): ContainerOptions {
  const { awsContainerCredentialsFullUri, awsContainerCredentialsRelativeUri, awsContainerAuthorizationToken, awsContainerAuthorizationTokenFile } = init;
  return {
    awsContainerCredentialsFullUri,
    awsContainerCredentialsRelativeUri,
    awsContainerAuthorizationToken,
    awsContainerAuthorizationTokenFile,
    timeoutMs: init.timeout,
    attempts: init.maxRetries === undefined ? undefined : init.maxRetries + 1,
    logger: init.logger,
  };
}

/**
 * Whether a URI is set, by option or variable. v3's default chain asks the container endpoint only when one of the
 * variables is set (the options then override them); keysmith takes a URI option alone too, rather than ask the
 * instance metadata service for another identity.
 */
export function isContainerConfigured(settings: ContainerEndpointSettings): boolean {
  return Boolean(optionOrVariable(settings, "awsContainerCredentialsFullUri", FULL_URI).value || optionOrVariable(settings, "awsContainerCredentialsRelativeUri", RELATIVE_URI).value);
}

/**
 * Credentials from the container credentials endpoint: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI on 169.254.170.2, else
 * AWS_CONTAINER_CREDENTIALS_FULL_URI, with the content of AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read on each call
 * because the agent rotates it), else AWS_CONTAINER_AUTHORIZATION_TOKEN, as Authorization; each option of
 * ContainerEndpointSettings takes its variable's place.
 */
export async function fromContainerEndpoint(options: ContainerOptions = {}): Promise<AwsCredentialIdentity> {
  const { timeoutMs = 1000, attempts = 4, retryDelayMs = 1000, logger } = options;
  const url = containerCredentialsUrl(logger, options);
  const authorization = await authorizationToken(logger, options);
  const handler = new NodeHttpHandler({ connectionTimeout: timeoutMs, requestTimeout: timeoutMs });
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        return await requestCredentials(handler, url, authorization);
      } catch (error) {
        if (attempt >= attempts) {
          throw new CredentialsError(`${url.origin} failed ${attempt === 1 ? "once" : `${attempt} times`}, last: ${(error as Error).message}`);
        }
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
      }
    }
  } finally {
    handler.destroy();
  }
}

/**
 * The relative URI wins over the full one, as in the official SDK, wherever each comes from (an option or its
 * variable). Plain http only to the hosts in HTTP_HOSTS or 127.0.0.0/8.
 */
export function containerCredentialsUrl(logger?: Logger, settings: ContainerEndpointSettings = {}): URL {
  const full = optionOrVariable(settings, "awsContainerCredentialsFullUri", FULL_URI);
  const relative = optionOrVariable(settings, "awsContainerCredentialsRelativeUri", RELATIVE_URI);
  if (!full.value && !relative.value) throw new CredentialsError(`neither ${full.name} nor ${relative.name} is set`);
  if (full.value && relative.value) warn(logger, relative.name, full.name);
  const variable = relative.value ? relative.name : full.name;
  let url: URL;
  try {
    url = new URL(relative.value ? `${ECS_ORIGIN}${relative.value}` : full.value!);
  } catch {
    throw new CredentialsError(`${variable} does not make a valid URL`);
  }
  if (url.protocol === "https:") return url;
  if (url.protocol === "http:" && (HTTP_HOSTS.has(url.hostname) || isLoopbackIPv4(url.hostname))) return url;
  throw new CredentialsError(
    `${variable} points at ${url.protocol}//${url.host}, which is not accepted: use https, or http to 127.0.0.0/8, [::1], ` +
      `localhost, the ECS agent 169.254.170.2 or the EKS Pod Identity agent 169.254.170.23 / [fd00:ec2::23]`,
  );
}

function isLoopbackIPv4(hostname: string): boolean {
  const parts = hostname.split(".");
  return parts.length === 4 && parts[0] === "127" && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

/** The token file wins over the token, as in the official SDK, wherever each comes from. */
async function authorizationToken(logger: Logger | undefined, settings: ContainerEndpointSettings): Promise<string | undefined> {
  const token = optionOrVariable(settings, "awsContainerAuthorizationToken", TOKEN);
  const file = optionOrVariable(settings, "awsContainerAuthorizationTokenFile", TOKEN_FILE);
  if (!file.value) return token.value || undefined;
  if (token.value) warn(logger, file.name, token.name);
  try {
    // A trailing newline from an editor is not part of the token, and a header cannot carry it.
    return (await readFile(file.value, "utf8")).trim();
  } catch (error) {
    throw new CredentialsError(`${file.name} (${file.value}) cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Names the settings only: their values may be a token. */
function warn(logger: Logger | undefined, used: string, ignored: string): void {
  const message = `keysmith credentials: both ${used} and ${ignored} are set; ${used} is used, as by the official SDK`;
  if (logger) logger.warn(message);
  else console.warn(message);
}

async function requestCredentials(handler: NodeHttpHandler, url: URL, authorization: string | undefined): Promise<AwsCredentialIdentity> {
  const request = new HttpRequest({
    method: "GET",
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname + url.search,
    headers: authorization ? { authorization } : {},
  });
  const { response } = await handler.handle(request);
  const text = await readBodyText(response.body, MAX_RESPONSE_BYTES);
  if (response.statusCode < 200 || response.statusCode > 299) {
    throw new Error(`HTTP ${response.statusCode}${serverError(text)}`);
  }
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text);
  } catch {
    // The parser's message quotes the text, which holds the secret.
    throw new Error("the response is not JSON");
  }
  const { AccessKeyId, SecretAccessKey, Token, Expiration } = body ?? {};
  if (typeof AccessKeyId !== "string" || typeof SecretAccessKey !== "string" || typeof Token !== "string" || typeof Expiration !== "string") {
    throw new Error("the response lacks one of AccessKeyId, SecretAccessKey, Token and Expiration");
  }
  const expiration = new Date(Expiration);
  if (Number.isNaN(expiration.getTime())) throw new Error(`the response's Expiration is not a timestamp: ${JSON.stringify(Expiration)}`);
  return { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey, sessionToken: Token, expiration };
}

/** The agent's `{"Code", "Message"}` for a failed request, when it sent one. */
function serverError(text: string): string {
  try {
    const { Code, Message } = JSON.parse(text) as Record<string, unknown>;
    const parts = [Code, Message].filter((part): part is string => typeof part === "string" && part !== "");
    return parts.length > 0 ? `: ${parts.join(": ").slice(0, 500)}` : "";
  } catch {
    return "";
  }
}
