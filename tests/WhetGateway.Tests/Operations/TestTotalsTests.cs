using System.Diagnostics;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Operations;

/// <summary>
/// The suite's closing line (scripts/test-totals.sh, called by test.sh) counts honestly: every counted test that did
/// not pass is failed, and a run that did not complete never reads as green.
/// </summary>
public sealed class TestTotalsTests : IDisposable
{
    private readonly string _results = Directory.CreateTempSubdirectory("whet-totals-").FullName;

    [Fact]
    public async Task A_completed_run_counts_its_passed_and_failed_tests()
    {
        WriteTrx("Failed", total: 5, passed: 4, failed: 1);

        Assert.Equal(["4 passed, 1 failed"], await TotalsAsync(status: 1));
    }

    [Fact]
    public async Task Errored_and_timed_out_tests_count_as_failed()
    {
        WriteTrx("Failed", total: 6, passed: 3, failed: 1, error: 1, timeout: 1);

        Assert.Equal(["3 passed, 3 failed"], await TotalsAsync(status: 1));
    }

    [Fact]
    public async Task A_run_whose_test_host_died_is_said_to_be_incomplete_and_counts_as_failed()
    {
        WriteTrx("Aborted", total: 2, passed: 2, failed: 0);

        var lines = await TotalsAsync(status: 1);

        Assert.StartsWith("incomplete run: the test run did not complete (outcome: Aborted)", lines[0], StringComparison.Ordinal);
        Assert.Equal("2 passed, 1 failed", lines[^1]);
    }

    [Fact]
    public async Task A_build_failure_with_no_results_is_not_zero_failures()
    {
        var lines = await TotalsAsync(status: 1);

        Assert.StartsWith("incomplete run: no test results", lines[0], StringComparison.Ordinal);
        Assert.Equal("0 passed, 1 failed", lines[^1]);
    }

    [Fact]
    public async Task The_counts_of_several_result_files_are_added_up()
    {
        WriteTrx("Completed", total: 3, passed: 3, failed: 0);
        WriteTrx("Completed", total: 2, passed: 2, failed: 0);

        Assert.Equal(["5 passed, 0 failed"], await TotalsAsync(status: 0));
    }

    public void Dispose() => Directory.Delete(_results, recursive: true);

    private void WriteTrx(string outcome, int total, int passed, int failed, int error = 0, int timeout = 0) =>
        File.WriteAllText(Path.Combine(_results, $"{Guid.NewGuid():N}.trx"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <ResultSummary outcome="{outcome}">
                <Counters total="{total}" executed="{total}" passed="{passed}" failed="{failed}" error="{error}" timeout="{timeout}" aborted="0" inconclusive="0" passedButRunAborted="0" notRunnable="0" notExecuted="0" disconnected="0" warning="0" completed="0" inProgress="0" pending="0" />
              </ResultSummary>
            </TestRun>
            """);

    private async Task<string[]> TotalsAsync(int status)
    {
        using var script = Process.Start(new ProcessStartInfo("bash", [RepositoryRoot.File("scripts/test-totals.sh"), _results, status.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
        })!;
        var output = await script.StandardOutput.ReadToEndAsync();
        await script.WaitForExitAsync();
        Assert.Equal(0, script.ExitCode);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
