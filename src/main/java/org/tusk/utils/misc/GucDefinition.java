package org.tusk.utils.misc;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The immutable description of one parameter: everything in PostgreSQL's {@code config_generic}
 * and {@code config_bool/int/real/string/enum} that is not per-process state.
 *
 * <p>Values are represented uniformly as Java objects: Boolean, Integer, Double, String (which
 * may be null, like a NULL {@code char *} boot value), or for enums the Integer code of the
 * chosen {@link GucEnumOption}. Definitions are built with the static factories and refined with
 * the {@code with...} methods, each returning a new instance.
 */
public final class GucDefinition {
    private final String name;
    private final GucType type;
    private final GucContext context;
    private final GucCategory category;
    private final String shortDesc;
    private final String longDesc;
    private final Set<GucFlag> flags;
    private final Object bootValue;
    private final Number min;
    private final Number max;
    private final GucUnit unit;
    private final List<GucEnumOption> enumOptions;
    private final GucCheckHook checkHook;

    private GucDefinition(String name, GucType type, GucContext context, GucCategory category, String shortDesc,
                          String longDesc, Set<GucFlag> flags, Object bootValue, Number min, Number max, GucUnit unit,
                          List<GucEnumOption> enumOptions, GucCheckHook checkHook) {
        this.name = name;
        this.type = type;
        this.context = context;
        this.category = category;
        this.shortDesc = shortDesc;
        this.longDesc = longDesc;
        this.flags = Collections.unmodifiableSet(flags.isEmpty() ? EnumSet.noneOf(GucFlag.class) : EnumSet.copyOf(flags));
        this.bootValue = bootValue;
        this.min = min;
        this.max = max;
        this.unit = unit;
        this.enumOptions = enumOptions;
        this.checkHook = checkHook;
    }

    public static GucDefinition bool(String name, GucContext context, GucCategory category, String shortDesc,
                                     boolean bootValue) {
        return new GucDefinition(name, GucType.BOOL, context, category, shortDesc, null, Set.of(), bootValue, null,
                null, GucUnit.NONE, List.of(), null);
    }

    public static GucDefinition integer(String name, GucContext context, GucCategory category, String shortDesc,
                                        int bootValue, int min, int max) {
        return new GucDefinition(name, GucType.INT, context, category, shortDesc, null, Set.of(), bootValue, min, max,
                GucUnit.NONE, List.of(), null);
    }

    public static GucDefinition real(String name, GucContext context, GucCategory category, String shortDesc,
                                     double bootValue, double min, double max) {
        return new GucDefinition(name, GucType.REAL, context, category, shortDesc, null, Set.of(), bootValue, min, max,
                GucUnit.NONE, List.of(), null);
    }

    public static GucDefinition string(String name, GucContext context, GucCategory category, String shortDesc,
                                       String bootValue) {
        return new GucDefinition(name, GucType.STRING, context, category, shortDesc, null, Set.of(), bootValue, null,
                null, GucUnit.NONE, List.of(), null);
    }

    /** An enum parameter whose boot value is the option spelled {@code bootName}. */
    public static GucDefinition enumeration(String name, GucContext context, GucCategory category, String shortDesc,
                                            String bootName, List<GucEnumOption> options) {
        Integer code = lookupCode(options, bootName);
        if (code == null) {
            throw new IllegalArgumentException("boot value " + bootName + " is not an option of " + name);
        }
        return new GucDefinition(name, GucType.ENUM, context, category, shortDesc, null, Set.of(), code, null, null,
                GucUnit.NONE, List.copyOf(options), null);
    }

    /** The definition add_placeholder_variable() creates for an unknown dotted name. */
    static GucDefinition placeholder(String name) {
        return new GucDefinition(name, GucType.STRING, GucContext.USERSET, GucCategory.CUSTOM_OPTIONS, null, null,
                EnumSet.of(GucFlag.CUSTOM_PLACEHOLDER, GucFlag.NOT_IN_SAMPLE), null, null, null, GucUnit.NONE,
                List.of(), null);
    }

    public GucDefinition withUnit(GucUnit newUnit) {
        if (type != GucType.INT && type != GucType.REAL) {
            throw new IllegalArgumentException("only numeric parameters have units: " + name);
        }
        return new GucDefinition(name, type, context, category, shortDesc, longDesc, flags, bootValue, min, max,
                newUnit, enumOptions, checkHook);
    }

    public GucDefinition withFlags(GucFlag... more) {
        EnumSet<GucFlag> all = flags.isEmpty() ? EnumSet.noneOf(GucFlag.class) : EnumSet.copyOf(flags);
        Collections.addAll(all, more);
        return new GucDefinition(name, type, context, category, shortDesc, longDesc, all, bootValue, min, max, unit,
                enumOptions, checkHook);
    }

    public GucDefinition withLongDesc(String text) {
        return new GucDefinition(name, type, context, category, shortDesc, text, flags, bootValue, min, max, unit,
                enumOptions, checkHook);
    }

    public GucDefinition withCheckHook(GucCheckHook hook) {
        return new GucDefinition(name, type, context, category, shortDesc, longDesc, flags, bootValue, min, max, unit,
                enumOptions, hook);
    }

    public String name() { return name; }
    public GucType type() { return type; }
    public GucContext context() { return context; }
    public GucCategory category() { return category; }
    public String shortDesc() { return shortDesc; }
    /** The extra description (pg_settings.extra_desc), or null. */
    public String longDesc() { return longDesc; }
    public Set<GucFlag> flags() { return flags; }
    public boolean hasFlag(GucFlag flag) { return flags.contains(flag); }
    public Object bootValue() { return bootValue; }
    /** Integer for INT parameters, Double for REAL ones, null otherwise. */
    public Number min() { return min; }
    public Number max() { return max; }
    public GucUnit unit() { return unit; }
    public List<GucEnumOption> enumOptions() { return enumOptions; }
    /** The built-in check hook, or null. */
    public GucCheckHook checkHook() { return checkHook; }

    /** Case-insensitive lookup of an enum spelling ({@code config_enum_lookup_by_name}); null if unknown. */
    public Integer enumCode(String spelling) {
        return lookupCode(enumOptions, spelling);
    }

    /** The displayed spelling of an enum code: the first option with that code, hidden or not. */
    public String enumName(int code) {
        for (GucEnumOption option : enumOptions) {
            if (option.code() == code) {
                return option.name();
            }
        }
        throw new IllegalStateException("could not find enum option " + code + " for " + name);
    }

    /** The visible spellings joined as in a hint ({@code config_enum_get_options}). */
    public String enumOptionList(String prefix, String suffix, String separator) {
        return enumOptions.stream().filter(o -> !o.hidden()).map(GucEnumOption::name)
                .collect(Collectors.joining(separator, prefix, suffix));
    }

    private static Integer lookupCode(List<GucEnumOption> options, String spelling) {
        for (GucEnumOption option : options) {
            if (option.name().equalsIgnoreCase(spelling)) {
                return option.code();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "GucDefinition[" + name + "]";
    }
}
