using System.Reflection;
using InboundConversations.PostgreSql.Throwaway;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("InboundConversations.PostgreSql.Tests.Infrastructure.ServerRequiredTestFramework", "InboundConversations.PostgreSql.Tests")]

namespace InboundConversations.PostgreSql.Tests.Infrastructure;

/// <summary>
/// xunit's own framework, except that without PostgreSQL's server programs every test of this assembly is reported
/// skipped, with the reason (how to install them). Under CI (<c>CI=true</c>) nothing is skipped: the tests run, and
/// the missing server fails them.
/// </summary>
public sealed class ServerRequiredTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    /// <inheritdoc />
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            var missing = PostgreSqlBinaries.UnderCi ? null : PostgreSqlBinaries.Missing();
            if (missing is not null)
            {
                testCases = testCases.Select(t => (IXunitTestCase)new SkippedTestCase(t, missing, DiagnosticMessageSink)).ToList();
            }

            base.RunTestCases(testCases, executionMessageSink, executionOptions);
        }
    }

    /// <summary>A test case reported as skipped with a reason of the fixture's, whatever its attribute says.</summary>
    private sealed class SkippedTestCase : XunitTestCase
    {
        private string _reason = string.Empty;

        [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
        public SkippedTestCase()
        {
        }

        public SkippedTestCase(IXunitTestCase testCase, string reason, IMessageSink diagnosticMessageSink)
            : base(diagnosticMessageSink, TestMethodDisplay.ClassAndMethod, TestMethodDisplayOptions.None, testCase.TestMethod, testCase.TestMethodArguments)
        {
            _reason = reason;
        }

        public override void Serialize(IXunitSerializationInfo data)
        {
            base.Serialize(data);
            data.AddValue("SkipReasonOfFixture", _reason);
        }

        public override void Deserialize(IXunitSerializationInfo data)
        {
            _reason = data.GetValue<string>("SkipReasonOfFixture");
            base.Deserialize(data);
        }

        protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;
    }
}
