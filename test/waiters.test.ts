// v3's waitFor<Name> and waitUntil<Name>, generated for the waiters a model's @waitable defines: IAM's UserExists from
// AWS's model side by side with v3's own waiter on the same responses; CloudFormation's and Auto Scaling's path
// acceptors on scripted responses; the acceptors' runtime on a table; and the generator's reading of the trait.
import * as v3iam from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../codegen/generate.js";
import { ModelError } from "../codegen/model/model.js";
import { checkAcceptors } from "../src/waiter/acceptors.js";
import { captureHandler, testCredentials, type CannedResponse } from "./support/capture.js";
import { hasShared, readSharedJson, sharedSkipReason } from "./support/shared.js";
import { generateFromAwsModel, importGenerated, scratchDir } from "./support/vectors-generate.js";

if (!hasShared) console.warn(sharedSkipReason);

/** Delays of a few milliseconds, so that a test polls quickly; smithy's createWaiter takes them in seconds. */
const quick = { minDelay: 0.005, maxDelay: 0.01, maxWaitTime: 2 };

const error = (status: number, code: string): CannedResponse => ({
  status,
  body: `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${code} happened</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`,
});
const user: CannedResponse = {
  status: 200,
  body:
    "<GetUserResponse><GetUserResult><User><Path>/</Path><UserName>bob</UserName><UserId>AIDAEXAMPLE</UserId>" +
    "<Arn>arn:aws:iam::123456789012:user/bob</Arn><CreateDate>2020-01-01T00:00:00Z</CreateDate></User></GetUserResult></GetUserResponse>",
};
const noSuchEntity = error(404, "NoSuchEntity");

describe.skipIf(!hasShared)("waitUntilUserExists, generated from AWS's IAM model, side by side with v3's", () => {
  // Made only where the suite runs: a skipped describe's body still runs, to collect its tests.
  const scratch = hasShared ? scratchDir("waiters-iam") : undefined;
  let ours: Record<string, any>;
  beforeAll(async () => {
    generateFromAwsModel(scratch!.path, "iam.json", ["GetUser", "CreateAccessKey"]);
    ours = await importGenerated(scratch!.path);
  });
  afterAll(() => scratch?.remove());

  /** How the waiter ended (its state, the user it found, the error it threw) and how many calls it made. */
  async function wait(sdk: { IAMClient: any; waitUntilUserExists: any; waitForUserExists: any }, answers: CannedResponse[], config: object = {}) {
    const handler = captureHandler(...answers);
    const client = new sdk.IAMClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler, maxAttempts: 1 });
    const settled = await sdk.waitUntilUserExists({ client, ...quick, ...config }, { UserName: "bob" }).then(
      (result: any) => ({ state: result.state, user: result.reason.User.UserName }),
      (thrown: Error) => ({ thrown: thrown.name, state: JSON.parse(thrown.message).state }),
    );
    return { ...settled, calls: handler.requests.length };
  }

  it.each([
    { name: "at once when the user is there", answers: [user], want: { state: "SUCCESS", user: "bob", calls: 1 } },
    { name: "after NoSuchEntity, until the user is there", answers: [noSuchEntity, noSuchEntity, user], want: { state: "SUCCESS", user: "bob", calls: 3 } },
  ])("succeeds $name, as v3's does", async ({ answers, want }) => {
    const theirs = await wait(v3iam, answers);
    expect(await wait(ours as any, answers)).toEqual(theirs);
    expect(theirs).toEqual(want);
  });

  it("times out with smithy's TimeoutError while the user is not there, as v3's does", async () => {
    const theirs = await wait(v3iam, [noSuchEntity], { maxWaitTime: 0.1 });
    expect(await wait(ours as any, [noSuchEntity], { maxWaitTime: 0.1 })).toMatchObject({ thrown: "TimeoutError", state: "TIMEOUT" });
    expect(theirs).toMatchObject({ thrown: "TimeoutError", state: "TIMEOUT" });
  });

  it("ends when aborted, with smithy's AbortError, as v3's does", async () => {
    const aborted = AbortSignal.abort();
    const theirs = await wait(v3iam, [noSuchEntity], { abortSignal: aborted });
    expect(await wait(ours as any, [noSuchEntity], { abortSignal: aborted })).toEqual(theirs);
    expect(theirs).toMatchObject({ thrown: "AbortError", state: "ABORTED" });
  });

  it("fails at the first error no acceptor matches, by Smithy's rules (v3 polls on until it times out)", async () => {
    expect(await wait(ours as any, [error(403, "AccessDenied"), user])).toEqual({ thrown: "Error", state: "FAILURE", calls: 1 });
    expect(await wait(v3iam, [error(403, "AccessDenied"), user])).toEqual({ state: "SUCCESS", user: "bob", calls: 2 });
  });

  it("fails at once on input that breaks the model's rules, naming the member, with nothing sent", async () => {
    const handler = captureHandler(user);
    const client = new ours.IAMClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler });
    const thrown = await ours.waitUntilUserExists({ client, ...quick }, { UserName: "bob/alice" }).catch((error: Error) => error);
    expect(JSON.parse(thrown.message)).toMatchObject({ state: "FAILURE", reason: { name: "InputValidationError" } });
    expect(thrown.message).toContain("UserName");
    expect(handler.requests).toHaveLength(0);
  });

  it("waitFor<Name> gives the result without throwing, as v3's does", async () => {
    const handler = captureHandler(error(403, "AccessDenied"));
    const client = new ours.IAMClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler, maxAttempts: 1 });
    const result = await ours.waitForUserExists({ client, ...quick }, { UserName: "bob" });
    expect(result.state).toBe("FAILURE");
    expect(result.reason).toBeInstanceOf(ours.IAMServiceException);
    expect(result.reason.name).toBe("AccessDenied");
  });

  it("is generated only for the operations that have waiters, and exported from the index", () => {
    expect(Object.keys(ours).filter((name) => name.startsWith("wait")).sort()).toEqual(["waitForUserExists", "waitUntilUserExists"]);
  });

  it("comes with every waiter v3's IAM client has, and no other, for the whole model", () => {
    const files = generate(readSharedJson("aws-models/iam.json"), { source: "iam.json", runtime: "keysmith/runtime" });
    const generated = [...files.keys()].flatMap((file) => /^waiters\/waitFor(\w+)\.ts$/.exec(file)?.slice(1) ?? []);
    const exported = generated.flatMap((name) => [`waitFor${name}`, `waitUntil${name}`]);
    expect(exported.sort()).toEqual(Object.keys(v3iam).filter((name) => name.startsWith("wait")).sort());
    expect(generated).toHaveLength(4);
  });
});

describe.skipIf(!hasShared)("path acceptors, generated from AWS's CloudFormation and Auto Scaling models", () => {
  const scratch = hasShared ? { cfn: scratchDir("waiters-cfn"), asg: scratchDir("waiters-asg"), redshift: scratchDir("waiters-redshift") } : undefined;
  let cfn: Record<string, any>;
  let asg: Record<string, any>;
  let redshift: Record<string, any>;
  beforeAll(async () => {
    generateFromAwsModel(scratch!.cfn.path, "cloudformation.json", ["DescribeStacks"]);
    generateFromAwsModel(scratch!.asg.path, "auto-scaling.json", ["DescribeAutoScalingGroups"]);
    generateFromAwsModel(scratch!.redshift.path, "redshift.json", ["DescribeClusters"]);
    [cfn, asg, redshift] = await Promise.all([importGenerated(scratch!.cfn.path), importGenerated(scratch!.asg.path), importGenerated(scratch!.redshift.path)]);
  });
  afterAll(() => {
    for (const folder of Object.values(scratch ?? {})) folder.remove();
  });

  it("ends a failed wait with smithy's error, the output in its message with its @sensitive members masked (v3 writes them out)", async () => {
    const cluster = "<Cluster><ClusterIdentifier>c1</ClusterIdentifier><ClusterStatus>deleting</ClusterStatus><PendingModifiedValues><MasterUserPassword>hunter2-pending</MasterUserPassword></PendingModifiedValues></Cluster>";
    const handler = captureHandler({ status: 200, body: `<DescribeClustersResponse><DescribeClustersResult><Clusters>${cluster}</Clusters></DescribeClustersResult></DescribeClustersResponse>` });
    const client = new redshift.RedshiftClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler, maxAttempts: 1 });
    const thrown: Error = await redshift.waitUntilClusterAvailable({ client, ...quick }, { ClusterIdentifier: "c1" }).catch((error: Error) => error);
    expect(JSON.parse(thrown.message)).toMatchObject({
      state: "FAILURE",
      reason: { Clusters: [{ ClusterStatus: "deleting", PendingModifiedValues: { MasterUserPassword: "***SensitiveInformation***" } }] },
    });
    expect(thrown.message).not.toContain("hunter2");
    // The result waitFor<Name> gives is the output as it came.
    const result = await redshift.waitForClusterAvailable({ client, ...quick }, { ClusterIdentifier: "c1" });
    expect(result.reason.Clusters[0].PendingModifiedValues.MasterUserPassword).toBe("hunter2-pending");
  });

  const stacks = (...statuses: string[]): CannedResponse => ({
    status: 200,
    body: `<DescribeStacksResponse><DescribeStacksResult><Stacks>${statuses
      .map((status, i) => `<member><StackName>s${i}</StackName><CreationTime>2020-01-01T00:00:00Z</CreationTime><StackStatus>${status}</StackStatus></member>`)
      .join("")}</Stacks></DescribeStacksResult></DescribeStacksResponse>`,
  });

  it.each([
    { name: "succeeds once every stack is CREATE_COMPLETE (allStringEquals)", answers: [stacks("CREATE_IN_PROGRESS"), stacks("CREATE_COMPLETE", "CREATE_IN_PROGRESS"), stacks("CREATE_COMPLETE", "CREATE_COMPLETE")], want: { state: "SUCCESS", calls: 3 } },
    { name: "fails when any stack is CREATE_FAILED (anyStringEquals)", answers: [stacks("CREATE_IN_PROGRESS"), stacks("CREATE_COMPLETE", "CREATE_FAILED")], want: { state: "FAILURE", calls: 2 } },
    { name: "polls on while there is no stack at all (allStringEquals of an empty list)", answers: [stacks(), stacks("CREATE_COMPLETE")], want: { state: "SUCCESS", calls: 2 } },
    { name: "fails on ValidationError, an errorType the model does not define", answers: [error(400, "ValidationError")], want: { state: "FAILURE", calls: 1, error: "ValidationError" } },
  ])("StackCreateComplete $name", async ({ answers, want }) => {
    const handler = captureHandler(...answers);
    const client = new cfn.CloudFormationClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler, maxAttempts: 1 });
    const result = await cfn.waitForStackCreateComplete({ client, ...quick }, { StackName: "s0" });
    expect({ state: result.state, calls: handler.requests.length, ...(result.reason instanceof Error && { error: result.reason.name }) }).toEqual(want);
  });

  /** A group of `minSize` whose instances are in the given lifecycle states. */
  const group = (minSize: number, ...states: string[]) =>
    `<member><AutoScalingGroupName>g</AutoScalingGroupName><MinSize>${minSize}</MinSize><MaxSize>9</MaxSize><DesiredCapacity>${minSize}</DesiredCapacity>` +
    `<DefaultCooldown>300</DefaultCooldown><AvailabilityZones><member>us-east-1a</member></AvailabilityZones><HealthCheckType>EC2</HealthCheckType>` +
    `<CreatedTime>2020-01-01T00:00:00Z</CreatedTime><Instances>${states
      .map((state, i) => `<member><InstanceId>i-${i}</InstanceId><AvailabilityZone>us-east-1a</AvailabilityZone><LifecycleState>${state}</LifecycleState><HealthStatus>Healthy</HealthStatus><ProtectedFromScaleIn>false</ProtectedFromScaleIn></member>`)
      .join("")}</Instances></member>`;
  const groups = (...members: string[]): CannedResponse => ({
    status: 200,
    body: `<DescribeAutoScalingGroupsResponse><DescribeAutoScalingGroupsResult><AutoScalingGroups>${members.join("")}</AutoScalingGroups></DescribeAutoScalingGroupsResult></DescribeAutoScalingGroupsResponse>`,
  });

  it.each([
    { name: "every group has its minimum of instances InService", answers: [groups(group(2, "Pending", "InService")), groups(group(2, "InService", "InService"), group(1, "InService"))], want: { state: "SUCCESS", calls: 2 } },
    { name: "a group short of its minimum keeps it polling", answers: [groups(group(2, "InService"), group(0)), groups(group(1, "InService", "Terminating"))], want: { state: "SUCCESS", calls: 2 } },
  ])("GroupInService: $name (contains, length, a filter, a multi-select, flattened)", async ({ answers, want }) => {
    const handler = captureHandler(...answers);
    const client = new asg.AutoScalingClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler, maxAttempts: 1 });
    const result = await asg.waitUntilGroupInService({ client, ...quick }, { AutoScalingGroupNames: ["g"] });
    expect({ state: result.state, calls: handler.requests.length }).toEqual(want);
  });
});

describe("the acceptors' runtime: the first acceptor that matches the call's outcome decides", () => {
  type Outcome = { output: unknown } | { error: unknown };
  const run = async (acceptors: any[], outcome: Outcome, input: unknown = {}) => {
    const check = checkAcceptors<null, unknown, unknown>(async () => {
      if ("error" in outcome) throw outcome.error;
      return outcome.output;
    }, acceptors);
    return (await check(null, input)).state;
  };
  const named = (name: string) => Object.assign(new Error(name), { name });
  const status = (expected: string, comparator = "stringEquals") => ({ output: (output: any) => output.Status, comparator, expected });

  it.each([
    { name: "success: true matches a result", acceptors: [{ state: "success", success: true }], outcome: { output: {} }, want: "SUCCESS" },
    { name: "success: false matches an error", acceptors: [{ state: "failure", success: false }], outcome: { error: named("Boom") }, want: "FAILURE" },
    { name: "success: true does not match an error, which then fails", acceptors: [{ state: "retry", success: true }], outcome: { error: named("Boom") }, want: "FAILURE" },
    { name: "an error by its name", acceptors: [{ state: "retry", errorName: "NoSuchEntityException" }], outcome: { error: named("NoSuchEntityException") }, want: "RETRY" },
    { name: "an error of another name fails", acceptors: [{ state: "retry", errorName: "NoSuchEntityException" }], outcome: { error: named("AccessDenied") }, want: "FAILURE" },
    { name: "a thrown value that is no object fails", acceptors: [{ state: "retry", errorName: "undefined" }], outcome: { error: undefined }, want: "FAILURE" },
    { name: "a result no acceptor matches retries", acceptors: [{ state: "success", ...status("DONE") }], outcome: { output: { Status: "BUSY" } }, want: "RETRY" },
    { name: "the first match wins", acceptors: [{ state: "failure", ...status("DONE") }, { state: "success", ...status("DONE") }], outcome: { output: { Status: "DONE" } }, want: "FAILURE" },
    { name: "a path that throws matches nothing", acceptors: [{ state: "success", output: () => { throw new TypeError("length of a number"); }, comparator: "booleanEquals", expected: "false" }], outcome: { output: {} }, want: "RETRY" },
    { name: "inputOutput sees the input", acceptors: [{ state: "success", inputOutput: (s: any) => s.input.Want === s.output.Status, comparator: "booleanEquals", expected: "true" }], outcome: { output: { Status: "UP" } }, want: "SUCCESS" },
  ])("$name", async ({ acceptors, outcome, want }) => {
    expect(await run(acceptors, outcome, { Want: "UP" })).toBe(want);
  });

  it.each([
    { comparator: "stringEquals", value: "a", expected: "a", want: true },
    { comparator: "stringEquals", value: ["a"], expected: "a", want: false },
    { comparator: "booleanEquals", value: true, expected: "true", want: true },
    { comparator: "booleanEquals", value: "true", expected: "true", want: false },
    { comparator: "booleanEquals", value: false, expected: "false", want: true },
    { comparator: "allStringEquals", value: ["a", "a"], expected: "a", want: true },
    { comparator: "allStringEquals", value: ["a", "b"], expected: "a", want: false },
    { comparator: "allStringEquals", value: [], expected: "a", want: false },
    { comparator: "allStringEquals", value: "a", expected: "a", want: false },
    { comparator: "anyStringEquals", value: ["b", "a"], expected: "a", want: true },
    { comparator: "anyStringEquals", value: [], expected: "a", want: false },
    { comparator: "anyStringEquals", value: null, expected: "a", want: false },
  ])("$comparator of $value with $expected: $want", async ({ comparator, value, expected, want }) => {
    expect(await run([{ state: "success", output: () => value, comparator, expected }], { output: {} })).toBe(want ? "SUCCESS" : "RETRY");
  });
});

describe("the generator's reading of @waitable", () => {
  const ns = "example.waits";
  const str = { target: "smithy.api#String" };
  const model = (waiters: object, operation: object = {}) => ({
    smithy: "2.0",
    shapes: {
      [`${ns}#Waits`]: {
        type: "service",
        version: "2025-01-01",
        operations: [{ target: `${ns}#GetThing` }, { target: `${ns}#PutThing` }],
        traits: { "aws.protocols#awsQuery": {}, "aws.api#service": { sdkId: "Waits" } },
      },
      [`${ns}#GetThing`]: {
        type: "operation",
        input: { target: `${ns}#GetThingInput` },
        output: { target: `${ns}#GetThingOutput` },
        errors: [{ target: `${ns}#ThingMissing` }],
        traits: { "smithy.waiters#waitable": waiters },
        ...operation,
      },
      [`${ns}#PutThing`]: { type: "operation" },
      [`${ns}#GetThingInput`]: { type: "structure", members: { Name: str } },
      [`${ns}#GetThingOutput`]: { type: "structure", members: { Status: str } },
      [`${ns}#ThingMissing`]: { type: "structure", members: {}, traits: { "smithy.api#error": "client", "aws.protocols#awsQueryError": { code: "Missing", httpResponseCode: 404 } } },
    },
  });
  const exists = (matcher: object) => ({ ThingExists: { acceptors: [{ state: "success", matcher: { success: true } }, { state: "retry", matcher }] } });
  const generated = (ast: object) => generate(ast, { source: "waits.json", runtime: "keysmith/runtime" });

  it.each([
    { name: "by its shape name", errorType: "ThingMissing", want: "ThingMissing" },
    { name: "by its awsQuery code", errorType: "Missing", want: "ThingMissing" },
    { name: "by its shape id", errorType: `${ns}#ThingMissing`, want: "ThingMissing" },
    { name: "not modeled: by the code the service sends, as given", errorType: "ValidationError", want: "ValidationError" },
  ])("names an errorType $name as the client's error is named", ({ errorType, want }) => {
    expect(generated(model(exists({ errorType }))).get("waiters/waitForThingExists.ts")).toContain(`{ state: "retry", errorName: "${want}" }`);
  });

  it("writes the model's delays, the acceptors in order, and exports both functions from the index", () => {
    const files = generated(model({ ThingReady: { minDelay: 5, maxDelay: 60, acceptors: [{ state: "failure", matcher: { output: { path: "Status", comparator: "stringEquals", expected: "BROKEN" } } }, { state: "success", matcher: { success: true } }] } }));
    const waiter = files.get("waiters/waitForThingReady.ts")!;
    expect(waiter).toContain("const delays = { minDelay: 5, maxDelay: 60 };");
    expect(waiter.match(/createWaiter\(\{ \.\.\.delays, \.\.\.params \}, input, checkState\)/g)).toHaveLength(2);
    expect(waiter.indexOf('state: "failure"')).toBeLessThan(waiter.indexOf('state: "success"'));
    expect(files.get("index.ts")).toContain('export * from "./waiters/waitForThingReady.js";');
  });

  it.each([
    { name: "a function of the output", path: "Status", want: 'output: (output) => jmespath.field(output, "Status"),' },
    { name: "a function of literals alone, without a parameter", path: "`true`", want: "output: () => true," },
    { name: "an object literal in parentheses, not a block", path: '`{"a": 1}`', want: "output: () => ({ a: 1 })," },
  ])("writes a path as $name", ({ path, want }) => {
    const files = generated(model({ ThingReady: { acceptors: [{ state: "success", matcher: { output: { path, comparator: "booleanEquals", expected: "true" } } }] } }));
    expect(files.get("waiters/waitForThingReady.ts")).toContain(want);
  });

  it("writes an inputOutput path as a function of the input and output", () => {
    const files = generated(model({ ThingReady: { acceptors: [{ state: "success", matcher: { inputOutput: { path: "input.Name == output.Status", comparator: "booleanEquals", expected: "true" } } }] } }));
    expect(files.get("waiters/waitForThingReady.ts")).toContain(
      'inputOutput: (subject) => jmespath.equals(jmespath.field(jmespath.field(subject, "input"), "Name"), jmespath.field(jmespath.field(subject, "output"), "Status")),',
    );
  });

  it("writes no waiter for an operation without the trait", () => {
    const files = generated(model({}));
    expect([...files.keys()].filter((file) => file.startsWith("waiters/"))).toEqual([]);
    expect(files.get("index.ts")).not.toContain("waiters");
  });

  const where = `operation ${ns}#GetThing has waiter`;
  const acceptor = (matcher: object, state = "success") => ({ acceptors: [{ state, matcher }] });
  const status = (comparator: string, expected: unknown, path = "Status") => ({ output: { path, comparator, expected } });
  it.each([
    { name: "a name that is not PascalCase", waiters: { thingExists: acceptor({ success: true }) }, want: `${where} thingExists, whose name is not PascalCase` },
    { name: "a minDelay under a second", waiters: { ThingExists: { ...acceptor({ success: true }), minDelay: 0 } }, want: `${where} ThingExists, whose minDelay 0 is not a whole number of seconds of at least 1` },
    { name: "a maxDelay under the minDelay", waiters: { ThingExists: { ...acceptor({ success: true }), minDelay: 10, maxDelay: 5 } }, want: "whose maxDelay 5 is not a whole number of seconds of at least its minDelay 10" },
    { name: "no acceptors", waiters: { ThingExists: { acceptors: [] } }, want: `${where} ThingExists, which has no acceptors` },
    { name: "an unknown state", waiters: { ThingExists: acceptor({ success: true }, "done") }, want: 'whose acceptor 0 has state "done"; a state is success, failure or retry' },
    { name: "two matchers in one", waiters: { ThingExists: acceptor({ success: true, errorType: "Missing" }) }, want: "whose acceptor 0 has 2 matchers; an acceptor has exactly one of" },
    { name: "an unknown matcher", waiters: { ThingExists: acceptor({ input: {} }) }, want: "whose acceptor 0 has matcher input; Smithy's are" },
    { name: "an unknown comparator", waiters: { ThingExists: acceptor(status("equals", "UP")) }, want: 'whose acceptor 0 has comparator "equals"; Smithy\'s are' },
    { name: "booleanEquals of no boolean", waiters: { ThingExists: acceptor(status("booleanEquals", "yes")) }, want: 'compares booleanEquals with "yes", which is not "true" or "false"' },
    { name: "an expected value that is no string", waiters: { ThingExists: acceptor(status("stringEquals", 1)) }, want: "whose acceptor 0 expects 1, which is not a string" },
    { name: "a path keysmith cannot compile", waiters: { ThingExists: acceptor(status("stringEquals", "UP", "Status | [0]")) }, want: 'whose acceptor 0 has path "Status | [0]": ' },
  ])("refuses $name, naming the waiter", ({ waiters, want }) => {
    expect(() => generated(model(waiters))).toThrow(ModelError);
    expect(() => generated(model(waiters))).toThrow(want);
  });

  it("refuses an output matcher on an operation without output", () => {
    const ast = model(exists(status("stringEquals", "UP")), { output: undefined });
    expect(() => generated(ast)).toThrow(`${where} ThingExists, whose acceptor 1 matches the output of an operation that has none`);
  });

  it("refuses two waiters of one name in the service", () => {
    const ast = model(exists({ errorType: "Missing" }));
    (ast.shapes as any)[`${ns}#PutThing`].traits = { "smithy.waiters#waitable": exists({ errorType: "Missing" }) };
    expect(() => generated(ast)).toThrow(`waiter ThingExists is defined by both ${ns}#GetThing and ${ns}#PutThing; a service's waiter names are unique`);
  });
});
