/**
 * The session counter sample: {@link samples.session.CounterHandler} counts requests per session (it
 * writes the session), {@link samples.session.PeekHandler} reads the count (read-only), and the meeting
 * handlers ({@link samples.session.MeetingWriterHandler}, {@link samples.session.MeetingReaderHandler},
 * {@link samples.session.MeetingHandler}) show which concurrent requests of one session may overlap:
 * readers and session-less handlers do, writers do not.
 *
 * <p>Its web.config maps them, for example:
 * <pre>{@code <handlers>
 *   <add name="Count" path="count" verb="GET" type="samples.session.CounterHandler"/>
 *   <add name="Peek" path="peek" verb="GET" type="samples.session.PeekHandler"/>
 * </handlers>}</pre>
 */
package samples.session;
