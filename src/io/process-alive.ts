// Whether a process id is running (signal 0 delivers nothing; EPERM means it exists but is not ours).
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
