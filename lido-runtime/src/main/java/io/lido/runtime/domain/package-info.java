/**
 * The life cycle of an application's domains: {@link io.lido.runtime.domain.DomainLifecycle} starts a
 * domain from a shadow copy of bin/, watches web.config, bin/ and app_offline.htm, replaces the domain
 * on a change (the new one starts while the old one serves, then the old one drains and unloads), keeps
 * the previous domain when a new one fails, and reports threads an unloaded domain left running.
 * See docs/application-domains.md.
 */
package io.lido.runtime.domain;
