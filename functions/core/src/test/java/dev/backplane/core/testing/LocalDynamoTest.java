// SPDX-License-Identifier: Apache-2.0
package dev.backplane.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class LocalDynamoTest {
    @Test
    void copiesAnyTemplateTableByLogicalIdAsAFreshTable() {
        String first = LocalDynamo.newTable("AppTable");
        String second = LocalDynamo.newAppTable();
        assertNotEquals(first, second);
        var table = LocalDynamo.client().describeTable(b -> b.tableName(first)).table();
        assertEquals("gsi1", table.globalSecondaryIndexes().getFirst().indexName());
        assertEquals(0L, table.itemCount());
    }
}
