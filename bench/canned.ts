// AWS-like responses for the three operations, as the server and the in-process handler return them (the samples of
// AWS's API reference).
import type { Operation } from "./app.js";

export const REQUEST_ID = "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE";

const BODIES: Record<Operation, string> = {
  GetAccessKeyInfo: `<GetAccessKeyInfoResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetAccessKeyInfoResult>
    <Account>111122223333</Account>
  </GetAccessKeyInfoResult>
  <ResponseMetadata>
    <RequestId>${REQUEST_ID}</RequestId>
  </ResponseMetadata>
</GetAccessKeyInfoResponse>
`,
  CreateAccessKey: `<CreateAccessKeyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <CreateAccessKeyResult>
    <AccessKey>
      <UserName>Bob</UserName>
      <AccessKeyId>AKIAIOSFODNN7EXAMPLE</AccessKeyId>
      <Status>Active</Status>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <CreateDate>2015-03-09T18:39:23.411Z</CreateDate>
    </AccessKey>
  </CreateAccessKeyResult>
  <ResponseMetadata>
    <RequestId>${REQUEST_ID}</RequestId>
  </ResponseMetadata>
</CreateAccessKeyResponse>
`,
  UpdateAccessKey: `<UpdateAccessKeyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <ResponseMetadata>
    <RequestId>${REQUEST_ID}</RequestId>
  </ResponseMetadata>
</UpdateAccessKeyResponse>
`,
};

export const CANNED_BODIES: Record<Operation, Uint8Array> = Object.fromEntries(
  Object.entries(BODIES).map(([operation, body]) => [operation, new TextEncoder().encode(body)]),
) as Record<Operation, Uint8Array>;

export const CANNED_HEADERS = { "content-type": "text/xml", "x-amzn-requestid": REQUEST_ID };

/** The operation a form-encoded request body asks for. */
export function actionOf(body: string): Operation {
  const action = /(?:^|&)Action=(\w+)/.exec(body)?.[1];
  if (action === undefined || !(action in BODIES)) throw new Error(`no canned response for Action=${action}`);
  return action as Operation;
}
