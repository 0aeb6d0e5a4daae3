// The EC2 instance metadata service as more than a credential source: the switch that turns it off, and the region
// v3's defaults mode "auto" asks it for. Nothing here loads its client until a question is asked.

/** Any value of AWS_EC2_METADATA_DISABLED but "false" turns the service off, as in the official SDK. */
export function instanceMetadataDisabled(): boolean {
  const value = process.env.AWS_EC2_METADATA_DISABLED;
  return value !== undefined && value !== "" && value !== "false";
}

/** How long one question to the metadata service may take, as v3 asks it for the defaults mode. */
const TIMEOUT_MS = 1000;
/** After no answer, the service is not asked again for this long, as in v3: off EC2 each question costs the timeout. */
const NO_ANSWER_KEPT_MS = 60_000;
let askAgainAt = 0;

/**
 * The region of the EC2 instance the code runs on, from its metadata service as v3's defaults mode "auto" asks it
 * (IMDSv2: a token, then /latest/meta-data/placement/region; AWS_EC2_METADATA_SERVICE_ENDPOINT and the profile's
 * ec2_metadata_service_endpoint move it); undefined when the service is disabled, does not answer, or answers nothing.
 */
export async function instanceRegion(): Promise<string | undefined> {
  if (instanceMetadataDisabled() || Date.now() < askAgainAt) return undefined;
  const { getInstanceMetadataEndpoint, httpRequest } = await import("./imds-provider.js");
  try {
    const { hostname, port } = await getInstanceMetadataEndpoint();
    // The timeout bounds a silence, the signal the whole question: a service that drips its answer is no answer.
    const at = { hostname, port: port === undefined ? undefined : Number(port), timeout: TIMEOUT_MS, signal: AbortSignal.timeout(TIMEOUT_MS) };
    const token = await httpRequest({ ...at, method: "PUT", path: "/latest/api/token", headers: { "x-aws-ec2-metadata-token-ttl-seconds": "21600" } });
    const region = await httpRequest({ ...at, path: "/latest/meta-data/placement/region", headers: { "x-aws-ec2-metadata-token": token.toString() } });
    const name = region.toString().trim();
    if (name !== "") return name;
  } catch {
    // No answer is an answer here: "auto" is then "standard", as in v3.
  }
  askAgainAt = Date.now() + NO_ANSWER_KEPT_MS;
  return undefined;
}
