package dev.backplane.devstack.sqs;

import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.Resource;
import dev.backplane.devstack.template.Template;
import dev.backplane.devstack.template.TemplateException;

/** Maps a queue ARN (as !GetAtt Queue.Arn resolves it) back to the template's queue. */
public final class QueueArns {
    private QueueArns() {}

    public static String logicalIdOf(Template template, Intrinsics intrinsics, String arn, String usedBy) {
        for (Resource q : template.ofType("AWS::SQS::Queue")) {
            if (arn(intrinsics, q.logicalId()).equals(arn)) return q.logicalId();
        }
        throw new TemplateException(usedBy + " refers to queue " + arn + ", which is not an AWS::SQS::Queue of this template");
    }

    public static String arn(Intrinsics intrinsics, String queueLogicalId) {
        return "arn:aws:sqs:" + intrinsics.region() + ":" + intrinsics.accountId() + ":" + intrinsics.physicalName(queueLogicalId);
    }
}
