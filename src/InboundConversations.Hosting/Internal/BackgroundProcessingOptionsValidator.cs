using Microsoft.Extensions.Options;

namespace InboundConversations.Hosting.Internal;

/// <summary>Checks <see cref="BackgroundProcessingOptions"/> against its attributes when the host starts; generated, reflection-free.</summary>
[OptionsValidator]
internal sealed partial class BackgroundProcessingOptionsValidator : IValidateOptions<BackgroundProcessingOptions>;
