package senslab.kernel;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the notebook's classes: JShell's snippet classes plus everything on the notebook class path.
 * The notebook class path is searched before the kernel's own (child first), so the helper library's
 * dependencies win over the kernel's copies of the same libraries (gson, slf4j, commons-codec...).
 * Only the JDK and the kernel's notebook runtime ({@code senslab.kernel.*}) come from the kernel.
 */
final class NotebookLoader implements LoaderDelegate {

    private final Loader loader = new Loader(NotebookLoader.class.getClassLoader());
    private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();

    ClassLoader classLoader() {
        return loader;
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException {
        boolean[] installed = new boolean[classes.length];
        for (ClassBytecodes c : classes) {
            loader.declare(c.name(), c.bytecodes());
        }
        try {
            for (int i = 0; i < classes.length; i++) {
                loaded.put(classes[i].name(), loader.loadClass(classes[i].name()));
                installed[i] = true;
            }
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ClassInstallException("could not load snippet class: " + e, installed);
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
        for (ClassBytecodes c : classes) {
            loader.declare(c.name(), c.bytecodes());
        }
    }

    @Override
    public void addToClasspath(String classpath) throws InternalException {
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                loader.add(Path.of(entry).toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new InternalException("bad class path entry " + entry + ": " + e.getMessage());
            }
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> c = loaded.get(name);
        return c != null ? c : loader.loadClass(name);
    }

    /** Child-first URL class loader that also defines JShell's in-memory snippet classes. */
    private static final class Loader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final Map<String, byte[]> snippets = new ConcurrentHashMap<>();

        Loader(ClassLoader kernel) {
            super("notebook", new URL[0], kernel);
        }

        void declare(String name, byte[] bytes) {
            snippets.put(name, bytes);
        }

        void add(URL url) {
            addURL(url);
        }

        private static boolean fromKernel(String name) {
            return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                    || name.startsWith("sun.") || name.startsWith("senslab.kernel.")
                    || name.startsWith("org.dflib.jjava.");
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = snippets.get(name);
            if (bytes != null) {
                return defineClass(name, bytes, 0, bytes.length);
            }
            return super.findClass(name);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && !fromKernel(name)) {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException notHere) {
                        // fall through to the kernel's loader
                    }
                }
                if (c == null) {
                    c = getParent().loadClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        public URL getResource(String name) {
            URL url = findResource(name);
            return url != null ? url : super.getResource(name);
        }
    }
}
