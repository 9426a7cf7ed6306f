using InboundConversations.Workflow;

namespace InboundConversations.Demo;

/// <summary>The inbound workflow of the demo's inbox.</summary>
internal static class DemoWorkflow
{
    public static void Configure(InboundWorkflowBuilder workflow) => workflow
        .DefaultTeam("support");
}
