/**
 * IIS's IP and Domain Restrictions, enforced by the listener before a request reaches a pool:
 * {@code system.webServer/security/ipSecurity} (static allow and deny lists by address and subnet,
 * {@link io.lido.listener.ipsecurity.IpSecurityRules}) and {@code dynamicIpSecurity} (too many concurrent
 * requests, or too many requests in an interval, from one client: {@link io.lido.listener.ipsecurity.DynamicIpRules}
 * over a bounded per-site {@link io.lido.listener.ipsecurity.ClientTable}). {@link io.lido.listener.ipsecurity.ClientGate}
 * decides for one request; a denied request never wakes a worker.
 *
 * <p>Sub-statuses are IIS 8's: 403.501 (concurrent requests), 403.502 (request rate), 403.503 (IP address
 * rejected), with the status of the section's {@code denyAction} (401, 403, 404, or no answer at all).
 */
package io.lido.listener.ipsecurity;
