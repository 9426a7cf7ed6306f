using Mono.Cecil;
using Mono.Cecil.Cil;

namespace InboundConversations.Tests.Architecture;

/// <summary>
/// Every type of an assembly's own that a type uses: in its signatures, attributes, fields, and method bodies (the IL's
/// type, method and field operands), read with Mono.Cecil, so a reference hidden in a lambda or a local counts too.
/// </summary>
public static class TypeReferences
{
    /// <summary>The top-level types of <paramref name="assembly"/> (nested and compiler-generated ones fold into their outer type).</summary>
    public static IReadOnlyList<TypeDefinition> TopLevelTypes(System.Reflection.Assembly assembly)
    {
        var module = ModuleDefinition.ReadModule(assembly.Location);
        return module.Types.Where(t => t.Name != "<Module>" && !t.Name.StartsWith('<')).ToList();
    }

    /// <summary>(outer type's namespace, used type's namespace, what used it) for every use inside <paramref name="type"/>.</summary>
    public static IEnumerable<(TypeReference Used, string Where)> UsedBy(TypeDefinition type)
    {
        foreach (var nested in Self(type))
        {
            foreach (var used in Signatures(nested))
            {
                yield return (used, nested.FullName);
            }

            foreach (var method in nested.Methods.Where(m => m.HasBody))
            {
                foreach (var used in Body(method.Body))
                {
                    yield return (used, method.FullName);
                }
            }
        }
    }

    /// <summary>The type that defines <paramref name="reference"/>'s outermost declaring type (its namespace is the one that counts).</summary>
    public static TypeReference Outermost(TypeReference reference)
    {
        var element = reference.GetElementType();
        while (element.DeclaringType is { } outer)
        {
            element = outer;
        }

        return element;
    }

    private static IEnumerable<TypeDefinition> Self(TypeDefinition type) =>
        new[] { type }.Concat(type.NestedTypes.SelectMany(Self));

    private static IEnumerable<TypeReference> Signatures(TypeDefinition type)
    {
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }

        foreach (var item in type.Interfaces.Select(i => i.InterfaceType)
            .Concat(type.CustomAttributes.Select(a => a.AttributeType))
            .Concat(type.Fields.Select(f => f.FieldType))
            .Concat(type.Fields.SelectMany(f => f.CustomAttributes).Select(a => a.AttributeType))
            .Concat(type.Properties.Select(p => p.PropertyType))
            .Concat(type.Properties.SelectMany(p => p.CustomAttributes).Select(a => a.AttributeType))
            .Concat(type.Methods.Select(m => m.ReturnType))
            .Concat(type.Methods.SelectMany(m => m.Parameters).Select(p => p.ParameterType))
            .Concat(type.Methods.SelectMany(m => m.CustomAttributes).Select(a => a.AttributeType)))
        {
            foreach (var part in Parts(item))
            {
                yield return part;
            }
        }
    }

    private static IEnumerable<TypeReference> Body(MethodBody body)
    {
        foreach (var variable in body.Variables)
        {
            foreach (var part in Parts(variable.VariableType))
            {
                yield return part;
            }
        }

        foreach (var instruction in body.Instructions)
        {
            var operands = instruction.Operand switch
            {
                TypeReference type => Parts(type),
                MethodReference method => Parts(method.DeclaringType).Concat(Parts(method.ReturnType)).Concat(method.Parameters.SelectMany(p => Parts(p.ParameterType)))
                    .Concat(method is GenericInstanceMethod generic ? generic.GenericArguments.SelectMany(Parts) : []),
                FieldReference field => Parts(field.DeclaringType).Concat(Parts(field.FieldType)),
                _ => [],
            };
            foreach (var part in operands)
            {
                yield return part;
            }
        }
    }

    /// <summary>A type and its generic arguments, arrays and by-refs unwrapped.</summary>
    private static IEnumerable<TypeReference> Parts(TypeReference type)
    {
        switch (type)
        {
            case GenericInstanceType generic:
                yield return generic.ElementType;
                foreach (var part in generic.GenericArguments.SelectMany(Parts))
                {
                    yield return part;
                }

                break;
            case TypeSpecification specification:
                foreach (var part in Parts(specification.ElementType))
                {
                    yield return part;
                }

                break;
            case GenericParameter:
                break;
            default:
                yield return type;
                break;
        }
    }
}
