using KpiPipeline.Cli.Bench;

namespace KpiPipeline.Tests.Bench;

/// <summary>The benchmark labels its figures with how the code was compiled; the label must tell the two apart.</summary>
public sealed class CodeKindTests
{
    [Fact]
    public void The_runtimes_own_library_is_ReadyToRun_and_a_plain_build_is_JIT()
    {
        Assert.Equal("ReadyToRun", CodeKind.Of(typeof(object).Assembly.Location)); // System.Private.CoreLib ships precompiled
        Assert.Equal("JIT", CodeKind.Of(typeof(CodeKindTests).Assembly.Location)); // this test assembly: a plain build
        Assert.Equal("unknown", CodeKind.Of(""));
    }
}
