using System.Diagnostics;

namespace KpiPipeline.Tests.Reporting;

/// <summary>
/// Runs Debian's Chromium headless against a local file: screenshot, PDF or serialised DOM. Each call is
/// its own browser process with a throw-away profile and the network-touching features off, killed if it
/// takes longer than <see cref="Timeout"/>. A missing browser fails the test (./test.sh installs it);
/// it is never a silent skip.
/// </summary>
internal static class HeadlessChromium
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>KPI_CHROMIUM, else chromium / chromium-browser on the PATH, else /usr/bin/chromium.</summary>
    public static string Executable()
    {
        var configured = Environment.GetEnvironmentVariable("KPI_CHROMIUM");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            Assert.True(File.Exists(configured), $"KPI_CHROMIUM points at '{configured}', which does not exist.");
            return configured;
        }
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in new[] { "chromium", "chromium-browser" })
        foreach (var dir in path.Append("/usr/bin"))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        Assert.Fail("Chromium is not installed, so the board pack cannot be checked in a browser. Run ./test.sh (it installs "
                    + "Debian's chromium: apt-get install -y --no-install-recommends chromium) or set KPI_CHROMIUM to the browser's path.");
        return "";
    }

    /// <summary>Runs the browser with the common headless flags plus <paramref name="action"/>; returns stdout.</summary>
    public static async Task<string> RunAsync(string htmlFile, params string[] action)
    {
        var exe = Executable();
        var profile = Directory.CreateTempSubdirectory("kpi-chromium-").FullName;
        try
        {
            var psi = new ProcessStartInfo(exe)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--hide-scrollbars", $"--user-data-dir={profile}",
                     }.Concat(action).Append(new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri))
                psi.ArgumentList.Add(arg);

            using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {exe}");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{exe} {string.Join(' ', action)} did not finish within {Timeout.TotalSeconds:0} s. stderr: {await stderr}");
            }
            Assert.True(process.ExitCode == 0, $"{exe} {string.Join(' ', action)} exited with {process.ExitCode}. stderr: {await stderr}");
            return await stdout;
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); }
            catch (IOException) { /* a browser helper may still hold a file for a moment; the temp folder is cleaned later */ }
        }
    }
}
