/**
 * URL authorization at AuthorizeRequest, in both of Microsoft's orders ({@link io.lido.modules.authorization.UrlAuthorizationModule}):
 * IIS's ({@code system.webServer/security/authorization}: every Deny rule first, parents' before children's,
 * then the Allow rules; no match denies) and ASP.NET's ({@code system.web/authorization}: the folder's own rules
 * before its parents', first match wins; no match allows). A denied request ends with 401.2, which both report,
 * and the enabled authentication schemes add their challenges.
 */
package io.lido.modules.authorization;
