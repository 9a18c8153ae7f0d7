using Microsoft.Extensions.Configuration;

namespace WhetGateway.Tests.InProcess;

/// <summary>A configuration whose settings a test replaces at once, announcing the change as a reload would.</summary>
public sealed class EditableConfiguration : ConfigurationProvider
{
    public EditableConfiguration(IDictionary<string, string?> settings) => Data = new Dictionary<string, string?>(settings, StringComparer.OrdinalIgnoreCase);

    public void Replace(IDictionary<string, string?> settings)
    {
        Data = new Dictionary<string, string?>(settings, StringComparer.OrdinalIgnoreCase);
        OnReload();
    }
}
