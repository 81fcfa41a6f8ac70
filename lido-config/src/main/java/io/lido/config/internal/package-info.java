/**
 * The implementation of Lido's configuration: StAX reading with line numbers
 * ({@link io.lido.config.internal.XmlConfigReader}), the schema defined in Java
 * ({@link io.lido.config.internal.SectionRegistry} and the {@code *Schema} classes), validation
 * ({@link io.lido.config.internal.NodeValidator}), IIS merge semantics
 * ({@link io.lido.config.internal.ElementMerger}), levels and locks ({@code LevelBuilder},
 * {@code WebConfigResolver}) and binding to the public records.
 *
 * <p>Merge order for a URL of a site: built-in defaults ({@code lido-defaults.config}, the values IIS
 * ships in its own applicationHost.config) → applicationHost.config top level and
 * {@code <location path="">} → {@code <location path="Site">} → {@code <location path="Site/a/b">} →
 * per folder level from the site root down: the locations of web.config files above that target the
 * level, then the level's own web.config. The innermost attribute wins; collections follow
 * add/remove/clear.
 *
 * <p>Locking: IIS locks most system.webServer sections by default ({@code overrideModeDefault="Deny"}
 * in its schema), so that handlers and modules can only be set in applicationHost.config. Lido apps
 * name their handlers and modules in web.config, so in Lido every system.webServer and system.web
 * section is <em>Allow</em> by default; an administrator locks a section with
 * {@code <location path="..." overrideMode="Deny">} (or the older {@code allowOverride="false"}), and
 * {@code overrideMode="Allow"} unlocks it again. The exceptions are {@code security/ipSecurity} and
 * {@code security/dynamicIpSecurity}, locked by default as in IIS: an application must not loosen the
 * restrictions its administrator set, so only applicationHost.config sets them unless a location there
 * says {@code overrideMode="Allow"}. system.applicationHost sections may only be written
 * at the top level of applicationHost.config.
 *
 * <p>Caching: parsed web.config files are cached by path, modification time and size; the merged
 * configuration of each level is cached and re-validated against the files it was built from at most
 * once per second (by the injected {@link java.time.Clock}), so an edited web.config is seen within a
 * second without any explicit invalidation.
 */
package io.lido.config.internal;
