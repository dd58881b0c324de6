// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.store;

import dev.backplane.realtime.domain.ConnectionGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/** The @connections API through the SDK: 410 Gone becomes {@link Delivery#GONE}, other errors are counted, not thrown. */
public final class ManagementApiConnections implements ConnectionGateway {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementApiConnections.class);
    private final ApiGatewayManagementApiClient client;

    public ManagementApiConnections(ApiGatewayManagementApiClient client) { this.client = client; }

    @Override
    public Delivery send(String connectionId, byte[] message) {
        try {
            client.postToConnection(b -> b.connectionId(connectionId).data(SdkBytes.fromByteArrayUnsafe(message)));
            return Delivery.DELIVERED;
        } catch (GoneException e) {
            return Delivery.GONE;
        } catch (SdkException e) {
            LOG.warn("PostToConnection {} failed: {}", connectionId, e.getMessage());
            return Delivery.FAILED;
        }
    }

    @Override
    public boolean isGone(String connectionId) {
        try {
            client.getConnection(b -> b.connectionId(connectionId));
            return false;
        } catch (GoneException e) {
            return true;
        } catch (SdkException e) {
            LOG.warn("GetConnection {} failed, keeping the connection: {}", connectionId, e.getMessage());
            return false;
        }
    }

    @Override
    public void disconnect(String connectionId) {
        try {
            client.deleteConnection(b -> b.connectionId(connectionId));
        } catch (GoneException alreadyClosed) {
            // the client left on its own
        } catch (SdkException e) {
            LOG.warn("DeleteConnection {} failed: {}", connectionId, e.getMessage());
        }
    }
}
