using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace WhetGateway.Routing;

/// <summary>
/// The endpoint part of a record's identity: what the route matched, not how the client spelled it. The route's
/// pattern is written out with the request's route values, so a literal segment takes the configuration's spelling
/// (routing matches literals case-insensitively, so <c>/PIPELINES/from-intent</c> is the same endpoint as
/// <c>/pipelines/from-intent</c>), a percent-encoded value is the decoded value Kestrel routed on, and two different
/// resource ids stay two endpoints. For the spelling the configuration uses, this is the request path itself.
/// </summary>
internal static class CanonicalEndpoint
{
    /// <summary>The request's endpoint, or its path when the request matched no route pattern.</summary>
    public static string Of(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint endpoint
            ? Render(context.Request.PathBase, endpoint.RoutePattern, context.Request.RouteValues)
            : context.Request.PathBase.Add(context.Request.Path).Value ?? "/";

    /// <summary>Writes <paramref name="pattern"/> out with <paramref name="values"/>; parameters without a value are left out.</summary>
    public static string Render(PathString pathBase, RoutePattern pattern, RouteValueDictionary values)
    {
        var path = new StringBuilder(pathBase.Value);
        foreach (var segment in pattern.PathSegments)
        {
            var start = path.Length;
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => Convert.ToString(values.GetValueOrDefault(parameter.Name), CultureInfo.InvariantCulture),
                    _ => null,
                });
            }

            if (path.Length == start + 1)
            {
                // An optional parameter or an empty catch-all: no segment at all, as in the request.
                path.Length = start;
            }
        }

        return path.Length == 0 ? "/" : path.ToString();
    }
}
