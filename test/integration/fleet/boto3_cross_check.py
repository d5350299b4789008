"""Drives the local fleet with boto3: botocore's own parameter validation, response parsing, waiter
and paginator models. Usage: ``python3 boto3_cross_check.py <endpoint>``; the two keys the secret
holds come from BOTO3_CHECK_OLD_KEY / BOTO3_CHECK_NEW_KEY. Prints ONE JSON document of observed
facts on stdout; it never contains a secret value (values are only compared, as booleans).
Every parsed response is also checked against its output shape (types, enums, members the fleet
sent that the model does not know, which botocore's parser would silently drop)."""

import json
import os
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.validate import ParamValidator

CLUSTER = "boto"
SERVICE = "api"
SECRET_NAME = "boto/jwt"
WAIT = {"Delay": 0.2, "MaxAttempts": 100}


def shape_problems(value, shape, path):
    """Paths where a parsed/raw value leaves its model shape: unknown members and enum violations."""
    kind = shape.type_name
    if kind == "structure" and isinstance(value, dict):
        for key, item in value.items():
            if key not in shape.members:
                yield f"{path}.{key}: not in the model"
            else:
                yield from shape_problems(item, shape.members[key], f"{path}.{key}")
    elif kind == "list" and isinstance(value, list):
        for index, item in enumerate(value):
            yield from shape_problems(item, shape.member, f"{path}[{index}]")
    elif kind == "map" and isinstance(value, dict):
        for key, item in value.items():
            yield from shape_problems(item, shape.value, f"{path}{{{key}}}")
    elif kind == "string" and shape.enum and value not in shape.enum:
        yield f"{path}: {value!r} not in enum {shape.name}"


def redacted(body):
    """The response without its secret value (kept with its type, so a wrong type still shows)."""
    copy = {key: item for key, item in body.items() if key != "ResponseMetadata"}
    for key in ("SecretString", "SecretBinary"):
        if key in copy:
            copy[key] = "<redacted>" if isinstance(copy[key], (str, bytes)) else 0
    return copy


def watch_responses(client, problems, calls):
    """Validates every successful response against its output shape; counts calls per operation."""
    validator = ParamValidator()

    def check(http_response, parsed, model, **_):
        calls[model.name] = calls.get(model.name, 0) + 1
        if http_response.status_code >= 300 or model.output_shape is None:
            return
        report = validator.validate(redacted(parsed), model.output_shape)
        if report.has_errors():
            problems.append(f"{model.name}: {report.generate_report()}")
        raw = redacted(json.loads(http_response.content or b"{}"))
        problems.extend(f"{model.name}: {p}" for p in shape_problems(raw, model.output_shape, ""))

    client.meta.events.register("after-call", check)


def make_clients(endpoint, problems, calls):
    session = boto3.session.Session(region_name="eu-west-1")
    config = Config(retries={"max_attempts": 1})
    made = [
        session.client(name, endpoint_url=endpoint, config=config) for name in ("secretsmanager", "ecs")
    ]
    for client in made:
        watch_responses(client, problems, calls)
    return made


def error_of(call):
    """The botocore ClientError a call raised: its Code and HTTP status (None when it succeeded)."""
    try:
        call()
    except ClientError as error:
        return {
            "code": error.response["Error"]["Code"],
            "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
            "operation": error.operation_name,
        }
    return None


def stages_by_version(described):
    return {version: sorted(stages) for version, stages in described.get("VersionIdsToStages", {}).items()}


def rotate_the_secret(sm, old_key, new_key):
    """create -> put (new) -> read by stage -> a custom label -> rotate: returns facts, never values."""
    created = sm.create_secret(Name=SECRET_NAME, SecretString=old_key, Description="boto3 cross-check")
    arn, v1 = created["ARN"], created["VersionId"]
    v2 = sm.put_secret_value(SecretId=SECRET_NAME, SecretString=new_key)["VersionId"]
    previous = sm.get_secret_value(SecretId=SECRET_NAME, VersionStage="AWSPREVIOUS")
    current = sm.get_secret_value(SecretId=arn, VersionStage="AWSCURRENT")
    staged = sm.update_secret_version_stage(
        SecretId=SECRET_NAME, VersionStage="REVIEWED", MoveToVersionId=v2
    )
    rotated = sm.rotate_secret(
        SecretId=arn,
        RotationLambdaARN="arn:aws:lambda:eu-west-1:123456789012:function:rotate-jwt",
        RotationRules={"AutomaticallyAfterDays": 30},
    )
    v3 = rotated["VersionId"]
    described = sm.describe_secret(SecretId=SECRET_NAME)
    after = sm.get_secret_value(SecretId=SECRET_NAME, VersionStage="AWSPREVIOUS")
    listed = sm.list_secret_version_ids(SecretId=SECRET_NAME)["Versions"]
    everything = sm.list_secret_version_ids(SecretId=SECRET_NAME, IncludeDeprecated=True)["Versions"]
    return arn, {
        "arn": arn,
        "versionIds": {"v1": v1, "v2": v2, "v3": v3},
        "distinctVersionIds": len({v1, v2, v3}),
        "previousBeforeRotation": {
            "versionId": previous["VersionId"],
            "isOldKey": previous["SecretString"] == old_key,
            "stages": sorted(previous["VersionStages"]),
        },
        "currentBeforeRotation": {
            "versionId": current["VersionId"],
            "isNewKey": current["SecretString"] == new_key,
        },
        "updateStage": {"arn": staged["ARN"], "name": staged["Name"]},
        "rotate": {"arn": rotated["ARN"], "name": rotated["Name"]},
        "describe": {
            "rotationEnabled": described.get("RotationEnabled"),
            "rotationDays": described.get("RotationRules", {}).get("AutomaticallyAfterDays"),
            "lastRotatedDateType": type(described.get("LastRotatedDate")).__name__,
            "versionIdsToStages": stages_by_version(described),
        },
        "previousAfterRotation": {
            "versionId": after["VersionId"],
            "isNewKey": after["SecretString"] == new_key,
        },
        "listedVersions": {v["VersionId"]: sorted(v.get("VersionStages", [])) for v in listed},
        "listedWithDeprecated": sorted(v["VersionId"] for v in everything),
    }


def start_service(ecs, secret_arn):
    ecs.create_cluster(clusterName=CLUSTER)
    ecs.create_cluster(clusterName=f"{CLUSTER}-spare")
    registered = ecs.register_task_definition(
        family="boto-api",
        networkMode="awsvpc",
        requiresCompatibilities=["FARGATE"],
        cpu="256",
        memory="512",
        executionRoleArn="arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
        containerDefinitions=[
            {
                "name": "api",
                "image": "sample/jwt-api:jose",
                "portMappings": [{"containerPort": 8080, "protocol": "tcp"}],
                "secrets": [{"name": "JWT_SECRET", "valueFrom": secret_arn}],
            }
        ],
    )["taskDefinition"]
    network = {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"], "assignPublicIp": "DISABLED"}}
    created = ecs.create_service(
        cluster=CLUSTER,
        serviceName=SERVICE,
        taskDefinition="boto-api",
        desiredCount=2,
        launchType="FARGATE",
        networkConfiguration=network,
        tags=[{"key": "team", "value": "identity"}],
        propagateTags="SERVICE",
    )["service"]
    ecs.create_service(
        cluster=CLUSTER,
        serviceName="idle",
        taskDefinition="boto-api",
        desiredCount=0,
        launchType="FARGATE",
        networkConfiguration=network,
    )
    return {
        "taskDefinition": {
            "revision": registered["revision"],
            "status": registered["status"],
            "networkMode": registered["networkMode"],
        },
        "created": {
            "status": created["status"],
            "desiredCount": created["desiredCount"],
            "deployments": len(created["deployments"]),
        },
    }


def wait_stable(ecs, calls):
    before = calls.get("DescribeServices", 0)
    ecs.get_waiter("services_stable").wait(cluster=CLUSTER, services=[SERVICE], WaiterConfig=WAIT)
    return {"succeeded": True, "describeCalls": calls.get("DescribeServices", 0) - before}


def describe_service(ecs):
    service = ecs.describe_services(cluster=CLUSTER, services=[SERVICE], include=["TAGS"])["services"][0]
    return {
        "status": service["status"],
        "desiredCount": service["desiredCount"],
        "runningCount": service["runningCount"],
        "tags": service.get("tags", []),
        "deployments": [
            {
                "id": d["id"],
                "status": d["status"],
                "rolloutState": d.get("rolloutState"),
                "runningCount": d["runningCount"],
                "createdAtType": type(d.get("createdAt")).__name__,
            }
            for d in service["deployments"]
        ],
    }


def eni_address(task):
    for attachment in task.get("attachments", []):
        if attachment["type"] == "ElasticNetworkInterface":
            details = {d["name"]: d["value"] for d in attachment["details"]}
            return details.get("privateIPv4Address")
    return None


def running_tasks(ecs):
    arns = ecs.list_tasks(cluster=CLUSTER, serviceName=SERVICE)["taskArns"]
    tasks = ecs.describe_tasks(cluster=CLUSTER, tasks=arns, include=["TAGS"])["tasks"] if arns else []
    return [
        {
            "taskArn": t["taskArn"],
            "lastStatus": t["lastStatus"],
            "startedBy": t.get("startedBy"),
            "group": t.get("group"),
            "address": eni_address(t),
            "containerAddress": t["containers"][0]["networkInterfaces"][0]["privateIpv4Address"],
            "startedAtType": type(t.get("startedAt")).__name__,
            "tags": t.get("tags", []),
        }
        for t in tasks
    ]


def pages(ecs, operation, key, **params):
    paginator = ecs.get_paginator(operation)
    seen = [page[key] for page in paginator.paginate(**params, PaginationConfig={"PageSize": 1})]
    return {"pages": len(seen), "items": sum(len(page) for page in seen)}


def main(endpoint):
    problems, calls = [], {}
    sm, ecs = make_clients(endpoint, problems, calls)
    old_key, new_key = os.environ["BOTO3_CHECK_OLD_KEY"], os.environ["BOTO3_CHECK_NEW_KEY"]
    arn, secrets = rotate_the_secret(sm, old_key, new_key)
    facts = {"secrets": secrets, "ecs": start_service(ecs, arn)}
    facts["firstWait"] = wait_stable(ecs, calls)
    facts["firstService"] = describe_service(ecs)
    facts["firstTasks"] = running_tasks(ecs)
    facts["paginators"] = {
        "list_clusters": pages(ecs, "list_clusters", "clusterArns"),
        "list_services": pages(ecs, "list_services", "serviceArns", cluster=CLUSTER),
        "list_tasks": pages(ecs, "list_tasks", "taskArns", cluster=CLUSTER),
    }
    forced = ecs.update_service(cluster=CLUSTER, service=SERVICE, forceNewDeployment=True)["service"]
    facts["forced"] = {"deployments": [{"id": d["id"], "status": d["status"]} for d in forced["deployments"]]}
    facts["secondWait"] = wait_stable(ecs, calls)
    facts["finalService"] = describe_service(ecs)
    facts["finalTasks"] = running_tasks(ecs)
    facts["errors"] = {
        "describeServicesMissingCluster": error_of(
            lambda: ecs.describe_services(cluster="boto-missing", services=[SERVICE])
        ),
        "getSecretValueMissingSecret": error_of(lambda: sm.get_secret_value(SecretId="boto/missing")),
    }
    facts["shapeProblems"] = problems
    facts["calls"] = calls
    print(json.dumps(facts, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1])
