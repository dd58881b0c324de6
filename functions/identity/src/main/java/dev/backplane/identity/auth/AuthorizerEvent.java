// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import java.util.List;
import java.util.Map;

/**
 * Both REQUEST authorizer event shapes in one bean, read by the Lambda runtime's own serializer: HTTP API payload
 * 2.0 ({@code routeArn}, {@code identitySource}) and WebSocket {@code $connect} ({@code methodArn}, multi-value
 * maps). A bean rather than a record because that serializer binds through setters.
 */
public final class AuthorizerEvent {
    private String version;
    private String type;
    private String methodArn;
    private String routeArn;
    private String routeKey;
    private String rawPath;
    private String rawQueryString;
    private List<String> identitySource;
    private List<String> cookies;
    private Map<String, String> headers;
    private Map<String, List<String>> multiValueHeaders;
    private Map<String, String> queryStringParameters;
    private Map<String, List<String>> multiValueQueryStringParameters;
    private Map<String, String> pathParameters;
    private Map<String, String> stageVariables;
    private Map<String, Object> requestContext;

    public String getVersion() { return version; }
    public void setVersion(String version) { this.version = version; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getMethodArn() { return methodArn; }
    public void setMethodArn(String methodArn) { this.methodArn = methodArn; }
    public String getRouteArn() { return routeArn; }
    public void setRouteArn(String routeArn) { this.routeArn = routeArn; }
    public String getRouteKey() { return routeKey; }
    public void setRouteKey(String routeKey) { this.routeKey = routeKey; }
    public String getRawPath() { return rawPath; }
    public void setRawPath(String rawPath) { this.rawPath = rawPath; }
    public String getRawQueryString() { return rawQueryString; }
    public void setRawQueryString(String rawQueryString) { this.rawQueryString = rawQueryString; }
    public List<String> getIdentitySource() { return identitySource; }
    public void setIdentitySource(List<String> identitySource) { this.identitySource = identitySource; }
    public List<String> getCookies() { return cookies; }
    public void setCookies(List<String> cookies) { this.cookies = cookies; }
    public Map<String, String> getHeaders() { return headers; }
    public void setHeaders(Map<String, String> headers) { this.headers = headers; }
    public Map<String, List<String>> getMultiValueHeaders() { return multiValueHeaders; }
    public void setMultiValueHeaders(Map<String, List<String>> multiValueHeaders) { this.multiValueHeaders = multiValueHeaders; }
    public Map<String, String> getQueryStringParameters() { return queryStringParameters; }
    public void setQueryStringParameters(Map<String, String> queryStringParameters) { this.queryStringParameters = queryStringParameters; }
    public Map<String, List<String>> getMultiValueQueryStringParameters() { return multiValueQueryStringParameters; }
    public void setMultiValueQueryStringParameters(Map<String, List<String>> v) { this.multiValueQueryStringParameters = v; }
    public Map<String, String> getPathParameters() { return pathParameters; }
    public void setPathParameters(Map<String, String> pathParameters) { this.pathParameters = pathParameters; }
    public Map<String, String> getStageVariables() { return stageVariables; }
    public void setStageVariables(Map<String, String> stageVariables) { this.stageVariables = stageVariables; }
    public Map<String, Object> getRequestContext() { return requestContext; }
    public void setRequestContext(Map<String, Object> requestContext) { this.requestContext = requestContext; }
}
