using System.Reflection;
using System.Runtime.InteropServices;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace DidSdk.Crypto.Pkcs11;

/// <summary>
/// Pkcs11Interop loads the vendor module through <c>dlopen</c> imported from "libdl". Since glibc 2.34 that name exists
/// only as <c>libdl.so.2</c> unless development packages are installed (Debian 12, Ubuntu 22.04), so the import is
/// pointed at the versioned library, and at libc (where <c>dlopen</c> now lives) as a fallback.
/// Also shares one loaded module per path: <c>C_Initialize</c> and <c>C_Finalize</c> are per process, so the module
/// stays loaded while any signer over it is open.
/// </summary>
internal static class Pkcs11NativeLibrary
{
    private static readonly Dictionary<string, (IPkcs11Library Library, int Users)> Loaded = new(StringComparer.Ordinal);
    private static readonly Lock Sync = new();
    private static int _registered;

    public static IPkcs11Library Acquire(string path)
    {
        EnsureResolver();
        lock (Sync)
        {
            if (Loaded.TryGetValue(path, out var entry))
            {
                Loaded[path] = (entry.Library, entry.Users + 1);
                return entry.Library;
            }

            var factories = new Pkcs11InteropFactories();
            var library = factories.Pkcs11LibraryFactory.LoadPkcs11Library(factories, path, AppType.MultiThreaded);
            Loaded[path] = (library, 1);
            return library;
        }
    }

    public static void Release(string path)
    {
        lock (Sync)
        {
            if (!Loaded.TryGetValue(path, out var entry))
            {
                return;
            }

            if (entry.Users > 1)
            {
                Loaded[path] = (entry.Library, entry.Users - 1);
                return;
            }

            Loaded.Remove(path);
            entry.Library.Dispose();
        }
    }

    public static void EnsureResolver()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref _registered, 1) != 0)
        {
            return;
        }

        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // The application set its own resolver for Pkcs11Interop; it is in charge of "libdl" then.
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != "libdl")
        {
            return IntPtr.Zero;
        }

        return NativeLibrary.TryLoad("libdl.so.2", out var handle) || NativeLibrary.TryLoad("libc.so.6", out handle) ? handle : IntPtr.Zero;
    }
}
